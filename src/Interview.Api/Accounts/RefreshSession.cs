using System.ComponentModel.DataAnnotations;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record RefreshRequest([Required] string? RefreshToken);

public static class RefreshSession
{
    public static ProblemDetails Validate(RefreshRequest request) =>
        Problems.Validation(string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 200
            ? new Dictionary<string, string[]> { ["refreshToken"] = ["The refresh token is required."] }
            : new Dictionary<string, string[]>());

    /// <summary>
    /// Trades a refresh token for a new access token and a new refresh token. Presenting a token that was already
    /// rotated away revokes its whole session: every token of that family stops working.
    /// </summary>
    [AllowAnonymous]
    [WolverinePost("/api/v1/auth/refresh", OperationId = "RefreshSession")]
    [Tags("Accounts")]
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Post(
        RefreshRequest request, IDocumentSession session, AuthSettings settings, TimeProvider clock, CancellationToken cancellation)
    {
        var refused = TypedResults.Problem(statusCode: 401, title: "Refresh failed",
            detail: "The refresh token is not valid (expired, revoked or already used); log in again.");
        if (!RefreshTokens.TryReadUserId(request.RefreshToken, out var userId)) return refused;
        var stream = await session.Events.FetchForWriting<Account>(userId, cancellation);
        if (stream.Aggregate is null) return refused;

        var now = clock.GetUtcNow();
        var newToken = RefreshTokens.New(userId);
        var decision = AccountDecider.Refresh(stream.Aggregate, RefreshTokens.Hash(request.RefreshToken!), RefreshTokens.Hash(newToken), settings.Policy, now);
        stream.AppendMany(decision.Events);
        return decision.Outcome == RefreshOutcome.Rotated
            ? TypedResults.Ok(LoginResponse.For(stream.Aggregate, decision.SessionId!.Value, newToken,
                decision.Events.OfType<RefreshTokenRotated>().Single().RefreshExpiresAt, settings, now))
            : refused;
    }
}
