using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Idempotency;
using Interview.Domain.Prep;
using Interview.Domain.Reports;
using Interview.Workers.Reports;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Prep;

public sealed record PracticeRequest(int? QuestionIndex, string? Answer);

public static class PractisePrepQuestion
{
    private static readonly TimeSpan WriteWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Marks a question practised; an optional answer is scored by the same single-answer evaluation as /evaluations.
    /// Parallel practice on one pack is serialised on the pack, so every acknowledged practice is in the pack afterwards.
    /// </summary>
    [WolverinePost("/api/v1/prep/{id}/practice", OperationId = "PractisePrepQuestion")]
    [Tags("Prep")]
    public static async Task<Results<Ok<PrepPackResponse>, ProblemHttpResult>> Post(
        Guid id, PracticeRequest request, ClaimsPrincipal user, IDocumentStore store, AdvisoryLocks locks, IReportScorer scorer, TimeProvider clock, CancellationToken cancellation)
    {
        PrepPack? pack;
        await using (var query = store.QuerySession())
            pack = await query.Events.AggregateStreamAsync<PrepPack>(id, token: cancellation);
        if (pack is null || !pack.IsOwnedBy(user.UserId())) return Problems.NotFound("prep pack");
        if (PrepPackDecider.CheckPractice(pack, request.QuestionIndex, request.Answer) is { } invalid)
            return invalid.Status == 400
                ? TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]>
                    { [invalid.Detail.StartsWith("questionIndex") ? "questionIndex" : "answer"] = [invalid.Detail] }))
                : Problems.From(invalid);

        // Scoring (possibly an LLM call) deliberately happens before the pack is locked for writing.
        var (evaluation, calls) = await ScoreAsync(pack, request, scorer, cancellation);

        // Practice entries commute, so instead of failing racing writers we queue them on the pack; the version check
        // still refuses (409) a practice racing a delete, save or unsave.
        await using var queued = await locks.AcquireAsync(AdvisoryLocks.PrepPackScope, id.ToString(), WriteWait, cancellation);
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<PrepPack>(id, cancellation);
        if (stream.Aggregate is not { } current || !current.IsOwnedBy(user.UserId())) return Problems.NotFound("prep pack");
        var decision = PrepPackDecider.Practise(current, request.QuestionIndex, request.Answer, evaluation, clock.GetUtcNow());
        if (decision.IsRejected) return Problems.From(decision.Rejection!);
        stream.AppendMany(calls.Concat(decision.Events).ToArray());
        await session.SaveChangesAsync(cancellation);
        return TypedResults.Ok(PrepPackResponse.From(decision.Events.OfType<PrepQuestionPractised>().Aggregate(current, (p, e) => p.Apply(e))));
    }

    private static async Task<(AnswerEvaluation?, IReadOnlyList<object>)> ScoreAsync(
        PrepPack pack, PracticeRequest request, IReportScorer scorer, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(request.Answer)) return (null, []);
        var index = request.QuestionIndex!.Value;
        var question = pack.Generated.Content.Questions[index];
        var scored = await scorer.ScoreAsync(pack.Id, [new AnswerToScore(question.BankQuestionId ?? $"prep.{pack.Id:N}.{index + 1:00}", question.Question,
            question.RubricCategory, question.KeyPoints, [], [request.Answer.Trim()])], cancellation);
        return (scored.Answers[0], scored.Calls.Cast<object>().ToArray());
    }
}
