using Interview.Api.Hosting;
using Npgsql;

namespace Interview.Api.Live;

/// <summary>One LISTEN connection per process; each notification is fanned out in memory by <see cref="StreamChanges"/>.</summary>
public sealed class StreamChangeListener(IConfiguration configuration, StreamChanges changes, ILogger<StreamChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(DataDirectory.ConnectionString(configuration))
        {
            KeepAlive = 30, Pooling = false, Enlist = false
        }.ConnectionString;
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => Received(e.Payload);
                await connection.OpenAsync(stopping);
                await using (var listen = new NpgsqlCommand($"LISTEN {StreamChangeNotifier.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stopping);
                changes.WakeEveryone();
                delay = TimeSpan.FromMilliseconds(200);
                while (!stopping.IsCancellationRequested) await connection.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The stream change listener lost its connection; reconnecting in {Delay}", delay);
                changes.WakeEveryone();
                try { await Task.Delay(delay, stopping); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private void Received(string payload)
    {
        var separator = payload.IndexOf(':');
        if (separator > 0 && Guid.TryParse(payload.AsSpan(0, separator), out var id) && long.TryParse(payload.AsSpan(separator + 1), out _))
            changes.Publish(id);
    }
}
