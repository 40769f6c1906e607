using System.Security.Claims;
using Interview.Api.Hosting;
using Interview.Api.Sessions;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Coaching;

public static class RevokeShare
{
    public static Task<UserAccount?> LoadAsync(string? coachEmail, IQuerySession session, CancellationToken cancellation) =>
        Coaches.FindAsync(session, coachEmail, cancellation);

    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) => InterviewReply.OwnedBy(interview, user);

    /// <summary>The candidate revokes a coach's access (?coachEmail=).</summary>
    [WolverineDelete("/api/v1/interviews/{id}/share", OperationId = "RevokeShare")]
    [Tags("Coaching")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Delete(
        string? coachEmail, [NotBody] UserAccount? coach, [WriteAggregate(Required = false)] InterviewSession interview, TimeProvider clock) =>
        coach is null
            ? (Problems.From(Rejection.NotFound("The interview is not shared with that coach.")), new Events(), new OutgoingMessages())
            : InterviewReply.Of(interview, CoachingDecider.Revoke(interview, coach.Id, clock.GetUtcNow()));
}
