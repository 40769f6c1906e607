using System.Security.Cryptography;
using System.Text;
using Interview.Api.Hosting;
using Npgsql;

namespace Interview.Api.Idempotency;

/// <summary>
/// PostgreSQL session advisory locks held across a whole request (including slow I/O) without an open transaction, on
/// connections from a pool of their own, so that lock holders never take the connections their own work needs and no
/// request pays for a new database session. A lock is released when disposed; should the unlock fail, the pool's reset
/// (which runs <c>pg_advisory_unlock_all()</c>) releases it before the connection is reused, and should the process die,
/// the session's end does.
/// </summary>
public sealed class AdvisoryLocks(NpgsqlDataSource pool) : IAsyncDisposable
{
    public const int IdempotencyScope = 0x1de7;
    public const int PrepCacheScope = 0x9e9;
    public const int PrepPackScope = 0x9ea;

    public static AdvisoryLocks For(IConfiguration configuration) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(DataDirectory.ConnectionString(configuration)) { ApplicationName = "interview-locks" }));

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; a <see cref="TimeoutException"/> after that.</summary>
    public async Task<AdvisoryLock> AcquireAsync(int scope, string name, TimeSpan timeout, CancellationToken cancellation)
    {
        var connection = pool.CreateConnection();
        var key = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        try
        {
            await connection.OpenAsync(cancellation);
            await using (var setTimeout = new NpgsqlCommand($"set lock_timeout = {(int)timeout.TotalMilliseconds}", connection))
                await setTimeout.ExecuteNonQueryAsync(cancellation);
            await using var lockCommand = new NpgsqlCommand("select pg_advisory_lock($1, $2)", connection);
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = scope });
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = key });
            await lockCommand.ExecuteNonQueryAsync(cancellation);
            return new AdvisoryLock(connection, scope, key);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await connection.DisposeAsync();
            throw new TimeoutException($"Another request holding '{name}' did not finish within {timeout.TotalSeconds:0} s.", e);
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException)
        {
            await connection.DisposeAsync();
            throw new TimeoutException($"No connection was free to take the lock on '{name}'.", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => pool.DisposeAsync();
}

public sealed class AdvisoryLock(NpgsqlConnection connection, int scope, int key) : IAsyncDisposable
{
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
            // The pool resets the connection (DISCARD ALL) before its next use, which releases the lock anyway.
        }
        await connection.DisposeAsync();
    }
}
