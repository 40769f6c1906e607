using Hangfire;
using Interview.Workers.Llm;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Interview.Api.Hosting;

/// <summary>PostgreSQL answers a query.</summary>
public sealed class DatabaseCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession();
            var version = await session.QueryAsync<string>("select current_setting('server_version')", cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers", new Dictionary<string, object> { ["serverVersion"] = version.Single() });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable", e);
        }
    }
}

/// <summary>The event store's tables exist (Marten creates them at start-up).</summary>
public sealed class EventStoreSchemaCheck(IDocumentStore store) : IHealthCheck
{
    private static readonly string[] Tables = ["mt_events", "mt_streams", "mt_event_progression"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession();
            var present = await session.QueryAsync<string>(
                "select table_name::text from information_schema.tables where table_schema = ? and table_name = any(?)",
                cancellationToken, store.Options.Events.DatabaseSchemaName, Tables);
            var missing = Tables.Except(present).ToArray();
            return missing.Length == 0
                ? HealthCheckResult.Healthy($"event store tables present in schema '{store.Options.Events.DatabaseSchemaName}'")
                : HealthCheckResult.Unhealthy($"event store tables missing: {string.Join(", ", missing)}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("event store schema could not be read", e);
        }
    }
}

/// <summary>
/// The async projection daemon: whether it runs on this node (HotCold: one node leads) and how far the slowest
/// projection is behind the event store's high-water mark. Lag only degrades: writes and the candidate's own views are
/// inline, only cross-stream statistics go stale.
/// </summary>
public sealed class AsyncDaemonCheck(IDocumentStore store, IServiceProvider services, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var degradedAt = configuration.GetValue("Health:DaemonLagDegradedEvents", 1000L);
        try
        {
            var database = store.Storage.Database;
            var highWater = await database.FetchHighestEventSequenceNumber(cancellationToken);
            var progress = (await database.AllProjectionProgress(cancellationToken))
                .Where(s => s.ShardName != "HighWaterMark").ToDictionary(s => s.ShardName, s => s.Sequence);
            var shards = ((StoreOptions)store.Options).Projections.AllShards().Select(s => s.Name.Identity).ToArray();
            var lags = shards.ToDictionary(s => s, s => Math.Max(0, highWater - progress.GetValueOrDefault(s)));
            var lag = lags.Count == 0 ? 0 : lags.Values.Max();

            var daemon = services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()?.DaemonForMainDatabase();
            var runningHere = daemon?.IsRunning == true;
            var paused = daemon?.HasAnyPaused() == true;
            var data = new Dictionary<string, object>
            {
                ["runningOnThisNode"] = runningHere,
                ["highWaterMark"] = highWater,
                ["lagEvents"] = lag,
                ["shards"] = lags
            };
            var where = runningHere ? "running on this node" : "not running on this node (with HotCold another node may lead)";
            if (paused) return HealthCheckResult.Degraded($"{where}; a projection shard is paused", data: data);
            if (lag > degradedAt) return HealthCheckResult.Degraded($"{where}; projections are {lag} events behind", data: data);
            return HealthCheckResult.Healthy($"{where}; projections are {lag} events behind", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("projection progress could not be read", e);
        }
    }
}

/// <summary>
/// A Hangfire server has sent a heartbeat lately. None is degraded, not unhealthy: report jobs wait in PostgreSQL and
/// run when a server is back, and interviews go on meanwhile.
/// </summary>
public sealed class HangfireServerCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan Recent = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var servers = storage.GetMonitoringApi().Servers();
            var live = servers.Where(s => s.Heartbeat is { } beat && now - beat < Recent).ToArray();
            var data = new Dictionary<string, object>
            {
                ["liveServers"] = live.Length,
                ["workers"] = live.Sum(s => s.WorkersCount),
                ["lastHeartbeat"] = servers.Max(s => s.Heartbeat) is { } last ? new DateTimeOffset(last, TimeSpan.Zero) : "none"
            };
            return Task.FromResult(live.Length > 0
                ? HealthCheckResult.Healthy($"{live.Length} Hangfire server(s) alive", data)
                : HealthCheckResult.Degraded("no Hangfire server has sent a heartbeat in the last two minutes: reports wait", data: data));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage could not be read", e));
        }
    }
}

/// <summary>
/// The LLM circuit. Open or half-open is degraded, not unhealthy: the offline engine writes every turn and report
/// meanwhile. Without a configured LLM the offline engine is the design, so healthy.
/// </summary>
public sealed class LlmCircuitCheck(LlmClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = client.Settings;
        if (!settings.Enabled)
            return Task.FromResult(HealthCheckResult.Healthy("offline: no LLM is configured, the offline engine answers",
                new Dictionary<string, object> { ["mode"] = "offline", ["circuit"] = "none" }));
        var state = client.Breaker.State;
        var data = new Dictionary<string, object> { ["mode"] = settings.ProviderName, ["model"] = settings.Model, ["circuit"] = state.ToString().ToLowerInvariant() };
        return Task.FromResult(state switch
        {
            CircuitState.Closed => HealthCheckResult.Healthy($"circuit closed: {settings.ProviderName} {settings.Model} answers", data),
            CircuitState.HalfOpen => HealthCheckResult.Degraded("circuit half-open: a trial call decides whether it closes", data: data),
            _ => HealthCheckResult.Degraded("circuit open after failed calls: the offline engine answers until it closes", data: data)
        });
    }
}
