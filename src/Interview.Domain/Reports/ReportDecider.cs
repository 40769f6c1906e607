using Interview.Domain.Common;
using Interview.Domain.Sessions;

namespace Interview.Domain.Reports;

/// <summary>Report rules: one report per requested version whatever the job does twice; retries only after a failure.</summary>
public static class ReportDecider
{
    public static Decision Rescore(InterviewSession state, Guid requestedBy, DateTimeOffset now)
    {
        if (state.Status is not (InterviewStatus.Finalized or InterviewStatus.Reported))
            return Rejection.Conflict("Only a finalized interview can be re-scored.");
        if (state.ReportPending)
            return Rejection.Conflict($"Report version {state.ReportRequested} is still being generated.");
        return Decision.Accept(new ReportRequested(state.Id, Math.Max(state.ReportRequested, state.ReportGenerated) + 1, "rescore", requestedBy, now));
    }

    public static Decision Retry(InterviewSession state, Guid requestedBy, DateTimeOffset now) =>
        state.ReportFailed
            ? Decision.Accept(new ReportRequested(state.Id, state.ReportRequested, "retry after failure", requestedBy, now))
            : Rejection.Conflict(state.ReportPending
                ? "The report is still being generated; retry is only possible after it failed."
                : "There is no failed report to retry.");

    public static bool IsWanted(InterviewSession state, int version) =>
        version == state.ReportRequested && version > state.ReportGenerated && !state.ReportFailed;

    public static Decision Accept(InterviewSession state, InterviewReport report, DateTimeOffset now) =>
        IsWanted(state, report.Version) ? Decision.Accept(new ReportGenerated(state.Id, state.CandidateId, report, now)) : Decision.Accept();

    /// <summary>What a scorer needs: each asked question with every answer given on it (warm-up excluded).</summary>
    public static IReadOnlyList<AnswerToScore> AnswersToScore(InterviewSession state, Questions.QuestionBank bank) =>
        state.Asked.Where(q => q.Answers.Count > 0).Select(q =>
        {
            var question = OfflineInterviewer.Resolve(q, state.Config, bank);
            return new AnswerToScore(q.QuestionId, question?.Text ?? q.Text, question?.RubricCategory ?? q.Type,
                question?.ExpectedKeyPoints ?? [], question?.Tags ?? q.Tags, q.Answers);
        }).ToArray();
}
