using System.ComponentModel.DataAnnotations;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record VerifyRequest([Required] string? Email, [Required] string? Token);

public static class VerifyEmail
{
    public static ProblemDetails Validate(VerifyRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!AccountRules.IsEmail(request.Email)) errors["email"] = ["A valid e-mail address is required."];
        if (string.IsNullOrWhiteSpace(request.Token)) errors["token"] = ["The verification token is required."];
        return Problems.Validation(errors);
    }

    /// <summary>Confirms the e-mail address with the token from sign-up; verifying twice is harmless.</summary>
    [AllowAnonymous]
    [WolverinePost("/api/v1/auth/verify", OperationId = "VerifyEmail")]
    [Tags("Accounts")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Post(
        VerifyRequest request, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var email = AccountRules.NormalizeEmail(request.Email);
        var account = await session.Query<UserAccount>().FirstOrDefaultAsync(a => a.NormalizedEmail == email, cancellation);
        if (account is null || account.VerificationTokenHash != Tokens.HashToken(request.Token!))
            return TypedResults.Problem(statusCode: 400, title: "Verification failed", detail: "The e-mail address or the token is wrong.");
        if (!account.EmailVerified) session.Events.Append(account.Id, new EmailVerified(account.Id, clock.GetUtcNow()));
        return TypedResults.NoContent();
    }
}
