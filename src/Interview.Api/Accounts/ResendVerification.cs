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

public sealed record ResendVerificationRequest([Required] string? Email);

public sealed record ResendVerificationResponse(string? VerificationToken);

public static class ResendVerification
{
    public static ProblemDetails Validate(ResendVerificationRequest request) =>
        Problems.Validation(string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254
            ? new Dictionary<string, string[]> { ["email"] = ["The e-mail address is required."] }
            : new Dictionary<string, string[]>());

    /// <summary>
    /// Issues a new verification token (the old one stops working). Always 202, whether or not the address has an
    /// account; the token is returned only when Auth:ExposeVerificationToken is on.
    /// </summary>
    [AllowAnonymous]
    [WolverinePost("/api/v1/auth/verify/resend", OperationId = "ResendVerification")]
    [Tags("Accounts")]
    public static async Task<Accepted<ResendVerificationResponse>> Post(
        ResendVerificationRequest request, IDocumentSession session, AuthSettings settings, TimeProvider clock,
        ILogger<ResendVerificationRequest> logger, CancellationToken cancellation)
    {
        var userId = await AccountLookup.IdByEmail(session, request.Email, cancellation);
        var stream = userId is null ? null : await session.Events.FetchForWriting<Account>(userId.Value, cancellation);
        var token = Tokens.NewVerificationToken();
        var decision = stream?.Aggregate is null ? null
            : AccountDecider.IssueVerificationToken(stream.Aggregate, Tokens.HashToken(token), settings.Policy, clock.GetUtcNow());
        var issued = decision is { Events.Count: > 0 };
        if (issued)
        {
            stream!.AppendMany(decision!.Events);
            if (settings.LogVerificationToken) logger.LogInformation("Verification token for user {UserId}: {Token}", stream.Aggregate!.Id, token);
        }
        return TypedResults.Accepted((string?)null, new ResendVerificationResponse(issued && settings.ExposeVerificationToken ? token : null));
    }
}
