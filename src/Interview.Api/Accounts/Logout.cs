using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public static class Logout
{
    /// <summary>Ends the caller's session: its refresh tokens and its access tokens stop working at once.</summary>
    [WolverinePost("/api/v1/auth/logout", OperationId = "Logout")]
    [Tags("Accounts")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Post(
        ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Account>(user.UserId(), cancellation);
        if (stream.Aggregate is null) return Problems.NotFound("account");
        stream.AppendMany(AccountDecider.Logout(stream.Aggregate, user.SessionId(), clock.GetUtcNow()).Events);
        return TypedResults.NoContent();
    }
}
