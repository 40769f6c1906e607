using Interview.Domain.Accounts;
using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Marten.Events.Projections;

namespace Interview.Projections.Statistics;

/// <summary>What one interview contributes to its candidate's statistics (the newest report version wins).</summary>
public sealed class InterviewStat
{
    public string Type { get; set; } = "";
    public string Difficulty { get; set; } = "";
    public string CompanyStyle { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinalizedAt { get; set; }
    public int? Score { get; set; }
    public int ReportVersion { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
    public Dictionary<string, double> CriterionAverages { get; set; } = [];
}

/// <summary>Per-candidate statistics across interviews: a cross-stream projection run by the async daemon.</summary>
public sealed class CandidateStatistics
{
    public Guid Id { get; set; }
    public Dictionary<Guid, InterviewStat> Interviews { get; set; } = [];
    public List<DateOnly> PracticeDays { get; set; } = [];
}

public sealed partial class CandidateStatisticsProjection : MultiStreamProjection<CandidateStatistics, Guid>
{
    public CandidateStatisticsProjection()
    {
        Identity<InterviewCreated>(e => e.CandidateId);
        Identity<InterviewStarted>(e => e.CandidateId);
        Identity<InterviewFinalized>(e => e.CandidateId);
        Identity<ReportGenerated>(e => e.CandidateId);
        Identity<InterviewDataErased>(e => e.CandidateId);
        Identity<AccountErased>(e => e.UserId);
        DeleteEvent<AccountErased>();
    }

    /// <summary>An interview erased by retention no longer counts; an erased account's statistics are deleted.</summary>
    public void Apply(InterviewDataErased e, CandidateStatistics s) => s.Interviews.Remove(e.InterviewId);

    public void Apply(InterviewCreated e, CandidateStatistics s) =>
        s.Interviews[e.InterviewId] = new InterviewStat
        {
            Type = EnumText.Wire(e.Config.Type),
            Difficulty = EnumText.Wire(e.Config.Difficulty),
            CompanyStyle = e.Config.CompanyStyle,
            CreatedAt = e.CreatedAt
        };

    public void Apply(InterviewStarted e, CandidateStatistics s)
    {
        if (s.Interviews.TryGetValue(e.InterviewId, out var stat)) stat.StartedAt = e.StartedAt;
        Practised(s, e.StartedAt);
    }

    public void Apply(InterviewFinalized e, CandidateStatistics s)
    {
        if (s.Interviews.TryGetValue(e.InterviewId, out var stat)) stat.FinalizedAt = e.FinalizedAt;
        Practised(s, e.FinalizedAt);
    }

    public void Apply(ReportGenerated e, CandidateStatistics s)
    {
        if (!s.Interviews.TryGetValue(e.InterviewId, out var stat) || e.Report.Version < stat.ReportVersion) return;
        stat.Score = e.Report.OverallScore;
        stat.ReportVersion = e.Report.Version;
        stat.ScoredAt ??= e.At;
        stat.CriterionAverages = e.Report.Answers.SelectMany(a => a.Criteria)
            .GroupBy(c => c.Title)
            .ToDictionary(g => g.Key, g => Math.Round(g.Average(c => c.Score), 2));
    }

    private static void Practised(CandidateStatistics s, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        if (!s.PracticeDays.Contains(day)) s.PracticeDays.Add(day);
    }
}
