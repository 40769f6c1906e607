using System.Diagnostics.Metrics;
using Interview.Domain.Common;
using Interview.Domain.Sessions;

namespace Interview.Workers.Telemetry;

/// <summary>
/// The product's own instruments, on the meter named <see cref="MeterName"/>: LLM calls (count, latency, tokens) by
/// purpose and outcome, the interviewer's turn latency, report latency and rate-limit rejections. Durations in seconds.
/// </summary>
public sealed class InterviewMetrics
{
    public const string MeterName = "Interview";

    private readonly Counter<long> llmCalls;
    private readonly Histogram<double> llmDuration;
    private readonly Counter<long> llmTokens;
    private readonly Histogram<double> turnLatency;
    private readonly Histogram<double> reportLatency;
    private readonly Counter<long> reportFailures;
    private readonly Counter<long> rateLimitRejections;

    public InterviewMetrics(IMeterFactory meters, string meterName = MeterName)
    {
        var meter = meters.Create(meterName);
        llmCalls = meter.CreateCounter<long>("interview.llm.calls", "{call}", "LLM calls by purpose, outcome and whether the offline engine took over.");
        llmDuration = meter.CreateHistogram<double>("interview.llm.duration", "s", "Latency of an LLM call, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60] });
        llmTokens = meter.CreateCounter<long>("interview.llm.tokens", "{token}", "Tokens used by LLM calls, by purpose and direction (input, output).");
        turnLatency = meter.CreateHistogram<double>("interview.turn.latency", "s",
            "From the candidate's answer (or the start) being stored to the interviewer's next turn being stored.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30] });
        reportLatency = meter.CreateHistogram<double>("interview.report.latency", "s",
            "From a report being requested (finalize, retry or rescore) to the report being stored.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120] });
        reportFailures = meter.CreateCounter<long>("interview.report.failures", "{report}", "Reports whose retries ran out.");
        rateLimitRejections = meter.CreateCounter<long>("interview.rate_limit.rejections", "{request}", "Requests refused with 429, by rate-limit policy.");
    }

    /// <summary>One audited LLM call, recorded where its <see cref="LlmCallRecorded"/> event is made.</summary>
    public void RecordLlmCall(LlmCallRecorded call)
    {
        var outcome = KeyValuePair.Create<string, object?>("outcome", EnumText.Wire(call.Outcome));
        var purpose = KeyValuePair.Create<string, object?>("purpose", call.Purpose);
        llmCalls.Add(1, purpose, outcome, KeyValuePair.Create<string, object?>("fallback", call.UsedOfflineFallback));
        if (call.Outcome is LlmOutcome.BudgetExceeded or LlmOutcome.CircuitOpen) return;
        llmDuration.Record(call.LatencyMs / 1000.0, purpose, outcome);
        if (call.TokensIn > 0) llmTokens.Add(call.TokensIn, purpose, KeyValuePair.Create<string, object?>("direction", "input"));
        if (call.TokensOut > 0) llmTokens.Add(call.TokensOut, purpose, KeyValuePair.Create<string, object?>("direction", "output"));
    }

    public void RecordTurnLatency(TimeSpan latency, string kind) =>
        turnLatency.Record(latency.TotalSeconds, KeyValuePair.Create<string, object?>("kind", kind));

    public void RecordReportLatency(TimeSpan latency, string scoredBy) =>
        reportLatency.Record(latency.TotalSeconds, KeyValuePair.Create<string, object?>("scored_by", scoredBy));

    public void RecordReportFailure() => reportFailures.Add(1);

    /// <summary>Called by the rate limiter when it refuses a request under <paramref name="policy"/>.</summary>
    public void RecordRateLimitRejection(string policy) =>
        rateLimitRejections.Add(1, KeyValuePair.Create<string, object?>("policy", policy));
}
