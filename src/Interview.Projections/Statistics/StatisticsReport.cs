using Interview.Domain.Common;
using Interview.Domain.Scoring;

namespace Interview.Projections.Statistics;

public sealed record GroupStatistics(int Interviews, int Completed, double? AverageScore, int? BestScore);

public sealed record TrendPoint(DateOnly Date, int Score);

public sealed record CriterionAverage(string Criterion, double Average, int Interviews);

public sealed record SuggestedPractice(string Type, string Difficulty, string Reason);

public sealed record CandidateStatisticsView(
    int TotalInterviews, int Started, int Completed, double CompletionRate, double? AverageScore, int? BestScore,
    IReadOnlyDictionary<string, GroupStatistics> ByType, IReadOnlyDictionary<string, GroupStatistics> ByDifficulty,
    DateTimeOffset? LastInterviewAt, IReadOnlyList<TrendPoint> Trend, int PracticeStreakDays, int PracticeDays,
    IReadOnlyList<CriterionAverage> WeakestCriteria, SuggestedPractice NextSuggestedPractice);

/// <summary>Reads a candidate's statistics document into the numbers the dashboard shows; "today" comes in as a parameter.</summary>
public static class StatisticsReport
{
    public static CandidateStatisticsView From(CandidateStatistics? stats, DateOnly today)
    {
        var interviews = stats?.Interviews.Values.ToArray() ?? [];
        var scored = interviews.Where(i => i.Score is not null).ToArray();
        var completed = interviews.Count(i => i.FinalizedAt is not null);
        var started = interviews.Count(i => i.StartedAt is not null);

        GroupStatistics Group(IEnumerable<InterviewStat> group)
        {
            var items = group.ToArray();
            var withScore = items.Where(i => i.Score is not null).Select(i => i.Score!.Value).ToArray();
            return new GroupStatistics(items.Length, items.Count(i => i.FinalizedAt is not null),
                withScore.Length == 0 ? null : Math.Round(withScore.Average(), 1), withScore.Length == 0 ? null : withScore.Max());
        }

        var weakest = scored.SelectMany(i => i.CriterionAverages)
            .GroupBy(c => c.Key)
            .Select(g => new CriterionAverage(g.Key, Math.Round(g.Average(x => x.Value), 2), g.Count()))
            .OrderBy(c => c.Average).ThenBy(c => c.Criterion)
            .Take(3).ToArray();

        return new CandidateStatisticsView(
            interviews.Length, started, completed,
            started == 0 ? 0 : Math.Round(completed / (double)started, 3),
            scored.Length == 0 ? null : Math.Round(scored.Average(i => i.Score!.Value), 1),
            scored.Length == 0 ? null : scored.Max(i => i.Score!.Value),
            interviews.GroupBy(i => i.Type).OrderBy(g => g.Key).ToDictionary(g => g.Key, Group),
            interviews.GroupBy(i => i.Difficulty).OrderBy(g => g.Key).ToDictionary(g => g.Key, Group),
            interviews.Length == 0 ? null : interviews.Max(i => i.CreatedAt),
            scored.OrderBy(i => i.ScoredAt).Select(i => new TrendPoint(DateOnly.FromDateTime(i.ScoredAt!.Value.UtcDateTime), i.Score!.Value)).ToArray(),
            Streak(stats?.PracticeDays ?? [], today),
            stats?.PracticeDays.Count ?? 0,
            weakest,
            Suggest(interviews, weakest));
    }

    /// <summary>Consecutive practice days ending today (or yesterday, so a streak is not lost before today's practice).</summary>
    public static int Streak(IReadOnlyCollection<DateOnly> days, DateOnly today)
    {
        var set = days.ToHashSet();
        var day = set.Contains(today) ? today : today.AddDays(-1);
        var streak = 0;
        while (set.Contains(day)) { streak++; day = day.AddDays(-1); }
        return streak;
    }

    private static SuggestedPractice Suggest(IReadOnlyList<InterviewStat> interviews, IReadOnlyList<CriterionAverage> weakest)
    {
        if (interviews.All(i => i.Score is null))
            return new SuggestedPractice("mixed", "medium", "No scored interview yet: a mixed interview at medium difficulty gives a baseline.");

        var weakestCriterion = weakest.FirstOrDefault();
        var type = weakestCriterion is null
            ? "mixed"
            : Rubrics.ByCategory.First(r => r.Value.Any(c => c.Title == weakestCriterion.Criterion)).Key is var category
                ? EnumText.Wire(category) : "mixed";
        var ofType = interviews.Where(i => i.Type == type && i.Score is not null).OrderByDescending(i => i.ScoredAt).ToArray();
        var last = ofType.FirstOrDefault() ?? interviews.Where(i => i.Score is not null).OrderByDescending(i => i.ScoredAt).First();
        EnumText.TryParseWire<Difficulty>(last.Difficulty, out var difficulty);
        var next = last.Score switch
        {
            >= 75 when difficulty < Difficulty.Expert => difficulty + 1,
            < 40 when difficulty > Difficulty.Easy => difficulty - 1,
            _ => difficulty
        };
        var why = weakestCriterion is null
            ? "keep practising across types"
            : $"your weakest criterion is {weakestCriterion.Criterion.ToLowerInvariant()} (average {weakestCriterion.Average}/5)";
        return new SuggestedPractice(type, EnumText.Wire(next),
            $"{char.ToUpperInvariant(why[0])}{why[1..]}; your last {type} score was {last.Score} at {last.Difficulty}, so try {EnumText.Wire(next)}.");
    }
}
