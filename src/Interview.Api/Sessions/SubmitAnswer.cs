using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Sessions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Sessions;

public sealed record SubmitAnswerRequest([Required] string? Text, string? IdempotencyKey);

public static class SubmitAnswer
{
    /// <summary>
    /// Stores the answer and returns 202 at once; the interviewer's next turn is written off-request.
    /// The same idempotencyKey again returns the first answer's version and appends nothing.
    /// </summary>
    [WolverinePost("/api/v1/interviews/{id}/answers", OperationId = "SubmitAnswer")]
    [Tags("Interviews")]
    public static async Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, SubmitAnswerRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        if (key is not null)
        {
            var current = await session.Events.AggregateStreamAsync<InterviewSession>(id, token: cancellation);
            if (current is not null && current.CandidateId == user.UserId() && current.AnswerVersionsByKey.TryGetValue(key, out var version))
                return (InterviewCommands.Accepted(id, version), new OutgoingMessages());
        }
        return await InterviewCommands.Run(session, id, user,
            state => InterviewDecider.SubmitAnswer(state, request.Text, key, clock.GetUtcNow()), cancellation);
    }
}
