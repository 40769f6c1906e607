using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Hosting;
using Interview.Api.Sessions;
using Interview.Domain.Accounts;
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

public sealed record ShareRequest([Required] string? CoachEmail);

public static class ShareInterview
{
    public static Task<UserAccount?> LoadAsync(ShareRequest request, IQuerySession session, CancellationToken cancellation) =>
        Coaches.FindAsync(session, request.CoachEmail, cancellation);

    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) => InterviewReply.OwnedBy(interview, user);

    /// <summary>The candidate grants a coach (an account with the coach role) access to replay and annotate the interview.</summary>
    [WolverinePost("/api/v1/interviews/{id}/share", OperationId = "ShareInterview")]
    [Tags("Coaching")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        ShareRequest request, UserAccount? coach, [WriteAggregate(Required = false)] InterviewSession interview, TimeProvider clock) =>
        coach is null
            ? (Problems.From(Rejection.Invalid("No coach account has that e-mail address.")), new Events(), new OutgoingMessages())
            : InterviewReply.Of(interview, CoachingDecider.Share(interview, coach.Id, coach.Email, clock.GetUtcNow()));
}

public static class Coaches
{
    public static async Task<UserAccount?> FindAsync(IQuerySession session, string? email, CancellationToken cancellation)
    {
        var normalized = AccountRules.NormalizeEmail(email);
        if (normalized.Length == 0) return null;
        var account = await session.Query<UserAccount>().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellation);
        return account?.Roles.Contains(Roles.Coach) == true ? account : null;
    }
}
