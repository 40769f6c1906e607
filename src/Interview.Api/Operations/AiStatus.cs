using Interview.Domain.Sessions;
using Interview.Workers.Llm;
using Marten;
using Wolverine.Http;

namespace Interview.Api.Operations;

public sealed record LatencyPercentiles(long P50, long P95);

public sealed record AiStatusResponse(
    string Mode, string Model, bool Healthy, string Circuit, LatencyPercentiles LatencyMs, double ErrorRate, string? LastError,
    int RecentCalls, DateTimeOffset? LastCallAt);

public static class AiStatus
{
    public const int RecentCallWindow = 200;

    /// <summary>The interviewer engine and how its recent LLM calls went (from the audit events of the last calls).</summary>
    [WolverineGet("/api/v1/ai/status", OperationId = "AiStatus")]
    [Tags("Operations")]
    public static async Task<AiStatusResponse> Get(LlmClient client, IQuerySession session, CancellationToken cancellation)
    {
        var settings = client.Settings;
        var calls = await session.Events.QueryRawEventDataOnly<LlmCallRecorded>()
            .Where(c => c.Outcome != LlmOutcome.BudgetExceeded)
            .OrderByDescending(c => c.At)
            .Take(RecentCallWindow)
            .ToListAsync(cancellation);

        var latencies = calls.Where(c => c.Outcome == LlmOutcome.Ok).Select(c => c.LatencyMs).Order().ToArray();
        var failures = calls.Count(c => c.Outcome != LlmOutcome.Ok);
        var errorRate = calls.Count == 0 ? 0 : Math.Round(failures / (double)calls.Count, 3);
        var circuit = client.Breaker.State switch { CircuitState.Open => "open", CircuitState.HalfOpen => "halfOpen", _ => "closed" };
        var healthy = !settings.Enabled || (client.Breaker.State == CircuitState.Closed && errorRate < 0.5);
        return new AiStatusResponse(
            settings.ProviderName, settings.Enabled ? settings.Model : "offline-rubric-engine", healthy, circuit,
            new LatencyPercentiles(Percentile(latencies, 0.50), Percentile(latencies, 0.95)), errorRate,
            calls.FirstOrDefault(c => c.Outcome != LlmOutcome.Ok)?.Error, calls.Count, calls.FirstOrDefault()?.At);
    }

    private static long Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
