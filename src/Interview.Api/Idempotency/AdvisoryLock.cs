using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace Interview.Api.Idempotency;

/// <summary>
/// A PostgreSQL session advisory lock on a dedicated, unpooled connection: held across a whole request (including slow
/// I/O) without an open transaction, and released when disposed or, should the process die, when the connection drops.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    public const int IdempotencyScope = 0x1de7;
    public const int PrepCacheScope = 0x9e9;
    public const int PrepPackScope = 0x9ea;

    private readonly NpgsqlConnection connection;
    private readonly int scope;
    private readonly int key;

    private AdvisoryLock(NpgsqlConnection connection, int scope, int key) => (this.connection, this.scope, this.key) = (connection, scope, key);

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; a <see cref="TimeoutException"/> after that.</summary>
    public static async Task<AdvisoryLock> AcquireAsync(IDocumentStore store, int scope, string name, TimeSpan timeout, CancellationToken cancellation)
    {
        await using var template = store.Storage.Database.CreateConnection();
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false }.ConnectionString);
        var key = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        try
        {
            await connection.OpenAsync(cancellation);
            await using (var setTimeout = new NpgsqlCommand($"set lock_timeout = {(int)timeout.TotalMilliseconds}", connection))
                await setTimeout.ExecuteNonQueryAsync(cancellation);
            await using var command = new NpgsqlCommand("select pg_advisory_lock($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = scope });
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            await command.ExecuteNonQueryAsync(cancellation);
            return new AdvisoryLock(connection, scope, key);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await connection.DisposeAsync();
            throw new TimeoutException($"Another request holding '{name}' did not finish within {timeout.TotalSeconds:0} s.", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = scope });
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // Closing the unpooled connection below ends the session, which releases the lock anyway.
        }
        await connection.DisposeAsync();
    }
}
