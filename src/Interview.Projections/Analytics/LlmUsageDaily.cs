using Interview.Domain.Sessions;
using Marten.Events.Projections;

namespace Interview.Projections.Analytics;

/// <summary>LLM calls per UTC day: outcomes, fallbacks, tokens and a latency histogram; async.</summary>
public sealed class LlmUsageDaily
{
    public static readonly long[] LatencyBucketsMs = [50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, long.MaxValue];

    public string Id { get; set; } = "";
    public DateOnly Day { get; set; }
    public int Calls { get; set; }
    public int Failures { get; set; }
    public int Fallbacks { get; set; }
    public long TokensIn { get; set; }
    public long TokensOut { get; set; }
    public Dictionary<string, int> ByOutcome { get; set; } = [];
    public Dictionary<string, int> ByPurpose { get; set; } = [];
    public int[] LatencyHistogram { get; set; } = new int[LatencyBucketsMs.Length];
}

public sealed partial class LlmUsageDailyProjection : MultiStreamProjection<LlmUsageDaily, string>
{
    public LlmUsageDailyProjection()
    {
        Identity<LlmCallRecorded>(e => DailyActivityProjection.Key(e.At));
    }

    public void Apply(LlmCallRecorded e, LlmUsageDaily d)
    {
        d.Day = DateOnly.FromDateTime(e.At.UtcDateTime);
        var outcome = Domain.Common.EnumText.Wire(e.Outcome);
        d.ByOutcome[outcome] = d.ByOutcome.GetValueOrDefault(outcome) + 1;
        if (e.UsedOfflineFallback) d.Fallbacks++;
        if (e.Outcome is LlmOutcome.BudgetExceeded) return;
        d.Calls++;
        d.ByPurpose[e.Purpose] = d.ByPurpose.GetValueOrDefault(e.Purpose) + 1;
        if (e.Outcome != LlmOutcome.Ok) d.Failures++;
        d.TokensIn += e.TokensIn;
        d.TokensOut += e.TokensOut;
        if (e.Outcome == LlmOutcome.Ok)
            d.LatencyHistogram[Array.FindIndex(LlmUsageDaily.LatencyBucketsMs, b => e.LatencyMs <= b)]++;
    }
}
