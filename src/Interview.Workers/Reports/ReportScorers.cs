using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Scoring;
using Interview.Domain.Sessions;

namespace Interview.Workers.Reports;

public sealed record ScoredAnswers(IReadOnlyList<AnswerEvaluation> Answers, ScoredBy ScoredBy, IReadOnlyList<LlmCallRecorded> Calls);

/// <summary>Scores answers under the anchored rubrics; the report's numbers are computed from the criterion scores in code.</summary>
public interface IReportScorer
{
    Task<ScoredAnswers> ScoreAsync(Guid interviewId, IReadOnlyList<AnswerToScore> answers, CancellationToken cancellation);
}

public sealed class OfflineReportScorer : IReportScorer
{
    public static readonly ScoredBy ScoredBy = new(EngineKind.Offline, null, OfflineScorer.EngineVersion, Rubrics.Version);

    public Task<ScoredAnswers> ScoreAsync(Guid interviewId, IReadOnlyList<AnswerToScore> answers, CancellationToken cancellation) =>
        Task.FromResult(new ScoredAnswers(OfflineScorer.EvaluateAll(answers), ScoredBy, []));
}
