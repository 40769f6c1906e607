using Marten;
using Npgsql;

namespace Interview.Workers.Turns;

/// <summary>
/// Every API process holds a PostgreSQL advisory lock of its own for as long as it lives, on a connection it keeps. A
/// killed process's connections close with it, so PostgreSQL drops that lock at once; the other processes, looking twice a
/// second, learn that a node died well before Wolverine declares it dead from its stale heartbeat
/// (<c>Wolverine:StaleNodeSeconds</c>) and hands its stored messages over.
/// </summary>
public sealed class NodeLiveness(IDocumentStore store) : IAsyncDisposable
{
    /// <summary>The first key of every node's lock (two-key advisory locks: Marten's and Wolverine's use one bigint key).</summary>
    public const int LockSpace = 0x1E57_0001;

    private NpgsqlConnection? connection;
    private HashSet<long> alive = [];

    /// <summary>
    /// Holds this node's lock (after losing one, again under a new key on a new connection: the lost session may not have
    /// ended yet, and taking its key would wait for it) and counts the nodes that held theirs at the previous call and no
    /// longer do.
    /// </summary>
    public async Task<int> NodesGoneAsync(CancellationToken cancellation)
    {
        try
        {
            if (connection is not { State: System.Data.ConnectionState.Open }) await HoldLockAsync(cancellation);
            await using var command = new NpgsqlCommand(
                "select objid::bigint from pg_locks where locktype = 'advisory' and classid::bigint = $1 and objsubid = 2 and granted " +
                "and database = (select oid from pg_database where datname = current_database())", connection)
            {
                Parameters = { new() { Value = (long)LockSpace } }
            };
            var now = new HashSet<long>();
            await using (var reader = await command.ExecuteReaderAsync(cancellation))
                while (await reader.ReadAsync(cancellation)) now.Add(reader.GetInt64(0));
            var gone = alive.Count(id => !now.Contains(id));
            alive = now;
            return gone;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !cancellation.IsCancellationRequested)
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task HoldLockAsync(CancellationToken cancellation)
    {
        await DisposeAsync();
        connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand("select pg_advisory_lock($1, $2)", connection)
        {
            Parameters = { new() { Value = LockSpace }, new() { Value = Random.Shared.Next(1, int.MaxValue) } }
        };
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Unlocks before the connection goes back to the pool: Marten's pool does not reset returned connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (connection is null) return;
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
                await using (var unlock = new NpgsqlCommand("select pg_advisory_unlock_all()", connection))
                    await unlock.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection is not returned to the pool, and its session's end released the lock.
        }
        await connection.DisposeAsync();
        connection = null;
    }
}
