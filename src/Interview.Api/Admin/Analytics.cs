using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Projections.Analytics;
using Interview.Projections.History;
using Interview.Workers.Llm;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Admin;

public sealed record DayActivity(DateOnly Day, int Started, int Completed, int EndedEarly);

public sealed record Distribution(int Count, double? Median, double? StandardDeviation, double? Mean, string? Warning);

public sealed record Overview(DateOnly From, DateOnly To, int Started, int Completed, double CompletionRate, IReadOnlyList<DayActivity> PerDay,
    IReadOnlyDictionary<string, Distribution> ScoresByType, IReadOnlyDictionary<string, Distribution> ScoresByDifficulty,
    IReadOnlyDictionary<string, Distribution> ScoresByCompanyStyle);

public sealed record QuestionHealth(string QuestionId, int TimesAsked, int FollowUps, int Scored, double? MeanScore, double? Discrimination,
    string? Warning);

public sealed record LlmUsage(DateOnly From, DateOnly To, string Provider, string Model, int Calls, int Failures, int Fallbacks,
    double FallbackRate, long LatencyP50Ms, long LatencyP95Ms, long TokensIn, long TokensOut, decimal Cost,
    IReadOnlyDictionary<string, int> ByOutcome, IReadOnlyDictionary<string, int> ByPurpose);

/// <summary>Admin analytics from the async projections (and the history summaries for score distributions).</summary>
[Authorize(Roles = Roles.Admin)]
public static class Analytics
{
    public const int MinimumSample = 30;

    /// <summary>Interviews started and completed per day, completion rate and score distributions over a date range (default: the last 30 days).</summary>
    [WolverineGet("/api/v1/admin/analytics/overview", OperationId = "AnalyticsOverview")]
    [Tags("Admin")]
    public static async Task<Results<Ok<Overview>, ProblemHttpResult>> Overview(
        DateOnly? from, DateOnly? to, IQuerySession session, TimeProvider clock, CancellationToken cancellation)
    {
        var (start, end, problem) = Range(from, to, clock);
        if (problem is not null) return problem;
        var days = (await session.Query<DailyActivity>().ToListAsync(cancellation))
            .Where(d => d.Day >= start && d.Day <= end).OrderBy(d => d.Day)
            .Select(d => new DayActivity(d.Day, d.Started, d.Completed, d.EndedEarly)).ToArray();
        var (startAt, endAt) = (new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var scored = await session.Query<InterviewSummary>()
            .Where(s => s.Score != null && s.CreatedAt >= startAt && s.CreatedAt < endAt).ToListAsync(cancellation);
        var started = days.Sum(d => d.Started);
        var completed = days.Sum(d => d.Completed);
        return TypedResults.Ok(new Overview(start, end, started, completed, started == 0 ? 0 : Math.Round(completed / (double)started, 3), days,
            By(scored, s => s.Type), By(scored, s => s.Difficulty), By(scored, s => s.CompanyStyle)));
    }

    /// <summary>Per-question health (times asked, mean score, discrimination), questions with a warning first, then the most asked.</summary>
    [WolverineGet("/api/v1/admin/analytics/questions", OperationId = "AnalyticsQuestions")]
    [Tags("Admin")]
    public static async Task<Results<Ok<PagedList<QuestionHealth>>, ProblemHttpResult>> Questions(
        int? page, int? pageSize, IQuerySession session, CancellationToken cancellation)
    {
        if (!Paging.IsValid(page, pageSize, out var request, out var problem)) return problem;
        var health = (await session.Query<QuestionStatistics>().ToListAsync(cancellation))
            .Select(Health).OrderByDescending(q => q.Warning is not null).ThenByDescending(q => q.TimesAsked).ThenBy(q => q.QuestionId).ToArray();
        return TypedResults.Ok(request.Slice(health));
    }

    /// <summary>LLM calls over a date range: failures, fallbacks, latency percentiles, tokens and cost, by outcome and purpose.</summary>
    [WolverineGet("/api/v1/admin/analytics/llm", OperationId = "AnalyticsLlm")]
    [Tags("Admin")]
    public static async Task<Results<Ok<LlmUsage>, ProblemHttpResult>> Llm(
        DateOnly? from, DateOnly? to, IQuerySession session, LlmSettings settings, TimeProvider clock, CancellationToken cancellation)
    {
        var (start, end, problem) = Range(from, to, clock);
        if (problem is not null) return problem;
        var days = (await session.Query<LlmUsageDaily>().ToListAsync(cancellation)).Where(d => d.Day >= start && d.Day <= end).ToArray();
        var histogram = new int[LlmUsageDaily.LatencyBucketsMs.Length];
        foreach (var day in days) for (var i = 0; i < histogram.Length; i++) histogram[i] += day.LatencyHistogram[i];
        var calls = days.Sum(d => d.Calls);
        var fallbacks = days.Sum(d => d.Fallbacks);
        var tokensIn = days.Sum(d => d.TokensIn);
        var tokensOut = days.Sum(d => d.TokensOut);
        return TypedResults.Ok(new LlmUsage(start, end, settings.ProviderName, settings.Model, calls, days.Sum(d => d.Failures), fallbacks,
            calls == 0 ? 0 : Math.Round(fallbacks / (double)calls, 3), Percentile(histogram, 0.50), Percentile(histogram, 0.95),
            tokensIn, tokensOut, tokensIn / 1000m * settings.InputCostPer1KTokens + tokensOut / 1000m * settings.OutputCostPer1KTokens,
            Sum(days.Select(d => d.ByOutcome)), Sum(days.Select(d => d.ByPurpose))));
    }

    /// <summary>
    /// Discrimination: the question's mean score in interviews whose overall score is at or above the median, minus its mean
    /// in the others, on a 0-1 scale. Near zero or negative means the question does not separate strong from weak candidates.
    /// </summary>
    public static QuestionHealth Health(QuestionStatistics q)
    {
        var results = q.Results.Values.Where(r => r.Scored).ToArray();
        double? mean = results.Length == 0 ? null : Math.Round(results.Average(r => r.QuestionScore), 1);
        double? discrimination = null;
        if (results.Length >= 4)
        {
            var median = Median(results.Select(r => (double)r.OverallScore).ToArray())!.Value;
            var upper = results.Where(r => r.OverallScore >= median).ToArray();
            var lower = results.Where(r => r.OverallScore < median).ToArray();
            if (upper.Length > 0 && lower.Length > 0)
                discrimination = Math.Round((upper.Average(r => r.QuestionScore) - lower.Average(r => r.QuestionScore)) / 100, 3);
        }
        var warning = results.Length < MinimumSample ? $"only {results.Length} scored answers (fewer than {MinimumSample}): statistics are unreliable"
            : discrimination is < 0.1 ? "does not separate strong from weak candidates"
            : mean is < 15 ? "almost nobody scores on this question: check its key points"
            : mean is > 95 ? "almost everybody gets full marks: too easy or key points too loose"
            : null;
        return new QuestionHealth(q.Id, q.TimesAsked, q.FollowUps, results.Length, mean, discrimination, warning);
    }

    private static IReadOnlyDictionary<string, Distribution> By(IEnumerable<InterviewSummary> scored, Func<InterviewSummary, string> key) =>
        scored.GroupBy(key).OrderBy(g => g.Key).ToDictionary(g => g.Key, g =>
        {
            var scores = g.Select(s => (double)s.Score!.Value).ToArray();
            var mean = scores.Average();
            return new Distribution(scores.Length, Median(scores), Math.Round(Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Length), 2),
                Math.Round(mean, 1), scores.Length < MinimumSample ? $"only {scores.Length} interviews (fewer than {MinimumSample}): not representative" : null);
        });

    private static double? Median(double[] values)
    {
        if (values.Length == 0) return null;
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static long Percentile(int[] histogram, double p)
    {
        var total = histogram.Sum();
        if (total == 0) return 0;
        var wanted = (int)Math.Ceiling(p * total);
        var seen = 0;
        for (var i = 0; i < histogram.Length; i++)
            if ((seen += histogram[i]) >= wanted) return LlmUsageDaily.LatencyBucketsMs[Math.Min(i, histogram.Length - 2)];
        return LlmUsageDaily.LatencyBucketsMs[^2];
    }

    private static IReadOnlyDictionary<string, int> Sum(IEnumerable<Dictionary<string, int>> maps) =>
        maps.SelectMany(m => m).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

    private static (DateOnly, DateOnly, ProblemHttpResult?) Range(DateOnly? from, DateOnly? to, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (start, end) = (from ?? today.AddDays(-29), to ?? today);
        return end < start
            ? (start, end, TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["from"] = ["from must not be after to."] })))
            : end.DayNumber - start.DayNumber > 366
                ? (start, end, TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["to"] = ["The range is at most 366 days."] })))
                : (start, end, null);
    }
}
