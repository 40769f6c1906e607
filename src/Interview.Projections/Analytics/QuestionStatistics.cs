using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Marten.Events.Projections;

namespace Interview.Projections.Analytics;

/// <summary>One interview's result on a question: the question's score and the interview's overall score.</summary>
public sealed record QuestionResult(int QuestionScore, int OverallScore, bool Scored);

/// <summary>How a bank question performs across interviews: times asked and the results, to spot broken questions; async.</summary>
public sealed class QuestionStatistics
{
    public string Id { get; set; } = "";
    public int TimesAsked { get; set; }
    public int FollowUps { get; set; }
    public Dictionary<Guid, QuestionResult> Results { get; set; } = [];
}

public sealed partial class QuestionStatisticsProjection : MultiStreamProjection<QuestionStatistics, string>
{
    public QuestionStatisticsProjection()
    {
        Identity<QuestionAsked>(e => e.QuestionId);
        Identity<FollowUpAsked>(e => e.QuestionId);
        Identities<ReportGenerated>(e => e.Report.Answers.Select(a => a.QuestionId).Distinct().ToArray());
    }

    // The document id is set from the event: a rebuild applies events to a fresh document before Marten assigns it.
    public void Apply(QuestionAsked e, QuestionStatistics q)
    {
        q.Id = e.QuestionId;
        q.TimesAsked++;
    }

    public void Apply(FollowUpAsked e, QuestionStatistics q)
    {
        q.Id = e.QuestionId;
        q.FollowUps++;
    }

    public void Apply(ReportGenerated e, QuestionStatistics q)
    {
        var answer = e.Report.Answers.FirstOrDefault(a => a.QuestionId == q.Id);
        if (answer is null) return;
        q.Results[e.InterviewId] = new QuestionResult(answer.Score, e.Report.OverallScore, answer.NotScoredReason is null);
    }
}
