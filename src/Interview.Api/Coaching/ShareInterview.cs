using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Sessions;
using Interview.Domain.Accounts;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Coaching;

public sealed record ShareRequest([Required] string? CoachEmail);

public static class ShareInterview
{
    /// <summary>The candidate grants a coach (an account with the coach role) access to replay and annotate the interview.</summary>
    [WolverinePost("/api/v1/interviews/{id}/share", OperationId = "ShareInterview")]
    [Tags("Coaching")]
    public static async Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, ShareRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var coach = await FindCoach(session, request.CoachEmail, cancellation);
        if (coach is null)
            return (Problems.From(Rejection.Invalid("No coach account has that e-mail address.")), new OutgoingMessages());
        return await InterviewCommands.Run(session, id, user, state => CoachingDecider.Share(state, coach.Id, coach.Email, clock.GetUtcNow()), cancellation);
    }

    /// <summary>The candidate revokes a coach's access (?coachEmail=).</summary>
    [WolverineDelete("/api/v1/interviews/{id}/share", OperationId = "RevokeShare")]
    [Tags("Coaching")]
    public static async Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Delete(
        Guid id, string? coachEmail, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var coach = await FindCoach(session, coachEmail, cancellation);
        if (coach is null) return (Problems.From(Rejection.NotFound("The interview is not shared with that coach.")), new OutgoingMessages());
        return await InterviewCommands.Run(session, id, user, state => CoachingDecider.Revoke(state, coach.Id, clock.GetUtcNow()), cancellation);
    }

    private static async Task<UserAccount?> FindCoach(IQuerySession session, string? email, CancellationToken cancellation)
    {
        var normalized = AccountRules.NormalizeEmail(email);
        if (normalized.Length == 0) return null;
        var account = await session.Query<UserAccount>().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellation);
        return account?.Roles.Contains(Roles.Coach) == true ? account : null;
    }
}
