using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Domain.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Sessions;

public sealed record SubmitAnswerRequest([Required] string? Text, string? IdempotencyKey);

public static class SubmitAnswer
{
    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) => InterviewReply.OwnedBy(interview, user);

    /// <summary>
    /// Stores the answer and returns 202 at once; the interviewer's next turn is written off-request.
    /// The same idempotency key (Idempotency-Key header or idempotencyKey) again returns the first answer's version and appends nothing.
    /// </summary>
    [WolverinePost("/api/v1/interviews/{id}/answers", OperationId = "SubmitAnswer")]
    [Tags("Interviews")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        SubmitAnswerRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        [WriteAggregate(Required = false)] InterviewSession interview, TimeProvider clock)
    {
        var key = (string.IsNullOrWhiteSpace(idempotencyKey) ? request.IdempotencyKey : idempotencyKey)?.Trim() is { Length: > 0 } k ? k : null;
        // The key also travels on the event, so a retry after a crash between the append and the stored reply still replays.
        if (key is not null && interview.AnswerVersionsByKey.TryGetValue(key, out var version))
            return (InterviewReply.Accepted(interview.Id, version), new Events(), new OutgoingMessages());
        return InterviewReply.Of(interview, InterviewDecider.SubmitAnswer(interview, request.Text, key, clock.GetUtcNow()));
    }
}
