using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record MeResponse(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool EmailVerified,
    DateTimeOffset SignedUpAt, CandidateProfile? Profile);

public static class Me
{
    /// <summary>The caller's account: e-mail, display name, roles, verification and profile (null until one is saved).</summary>
    [WolverineGet("/api/v1/me", OperationId = "GetMe")]
    [Tags("Accounts")]
    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var account = await session.LoadAsync<UserAccount>(user.UserId(), cancellation);
        return account is null
            ? Problems.NotFound("account")
            : TypedResults.Ok(new MeResponse(account.Id, account.Email, account.DisplayName, account.Roles, account.EmailVerified,
                account.SignedUpAt, account.Profile));
    }
}
