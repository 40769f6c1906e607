using System.ComponentModel.DataAnnotations;
using Interview.Api.Auth;
using Interview.Domain.Accounts;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record LoginRequest([Required] string? Email, [Required] string? Password);

public sealed record UserInfo(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles);

public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, UserInfo User);

public static class Login
{
    /// <summary>Exchanges a verified account's e-mail and password for a bearer access token.</summary>
    [AllowAnonymous]
    [WolverinePost("/api/v1/auth/login", OperationId = "Login")]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [Tags("Accounts")]
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Post(
        LoginRequest request, IQuerySession session, AuthSettings settings, PasswordHasher<UserAccount> hasher,
        TimeProvider clock, CancellationToken cancellation)
    {
        var email = AccountRules.NormalizeEmail(request.Email);
        var account = email.Length == 0 ? null
            : await session.Query<UserAccount>().FirstOrDefaultAsync(a => a.NormalizedEmail == email, cancellation);
        var passwordOk = account is not null && !string.IsNullOrEmpty(request.Password)
            && hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
        if (!passwordOk)
            return TypedResults.Problem(statusCode: 401, title: "Login failed", detail: "The e-mail address or the password is wrong.");
        if (!account!.EmailVerified)
            return TypedResults.Problem(statusCode: 401, title: "E-mail not verified", detail: "Verify the e-mail address before logging in.");

        var (token, expiresAt) = Tokens.Issue(account, settings, clock.GetUtcNow());
        return TypedResults.Ok(new LoginResponse(token, expiresAt, new UserInfo(account.Id, account.Email, account.DisplayName, account.Roles)));
    }
}
