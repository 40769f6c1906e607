using System.ComponentModel.DataAnnotations;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record LoginRequest([Required] string? Email, [Required] string? Password);

public sealed record UserInfo(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles);

public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt, UserInfo User)
{
    public static LoginResponse For(Account account, Guid sessionId, string refreshToken, DateTimeOffset refreshExpiresAt,
        AuthSettings settings, DateTimeOffset now)
    {
        var (token, expiresAt) = Tokens.Issue(account, sessionId, settings, now);
        return new LoginResponse(token, expiresAt, refreshToken, refreshExpiresAt,
            new UserInfo(account.Id, account.Email, account.DisplayName, account.GrantedRoles));
    }
}

public static class Login
{
    public static ProblemDetails Validate(LoginRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254) errors["email"] = ["The e-mail address is required."];
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > AccountRules.MaxPasswordLength)
            errors["password"] = ["The password is required."];
        return Problems.Validation(errors);
    }

    /// <summary>
    /// Logs in and starts a session (access token plus rotating refresh token). A wrong password is recorded on the
    /// account stream; Auth:MaxFailedLogins in a row lock the account for Auth:LockoutMinutes.
    /// </summary>
    [AllowAnonymous]
    [WolverinePost("/api/v1/auth/login", OperationId = "Login")]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [Tags("Accounts")]
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Post(
        LoginRequest request, IDocumentStore store, AuthSettings settings, Passwords passwords, TimeProvider clock, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var userId = await AccountLookup.IdByEmail(session, request.Email, cancellation);
            // An unknown address reads an empty stream and verifies against a dummy hash: the same work as a wrong password.
            var stream = await session.Events.FetchForWriting<Account>(userId ?? Guid.NewGuid(), cancellation);
            var account = stream.Aggregate;
            var passwordMatches = passwords.Verify(account?.PasswordHash, request.Password);

            var now = clock.GetUtcNow();
            var sessionId = Guid.CreateVersion7();
            var refreshToken = RefreshTokens.New(account?.Id ?? Guid.Empty);
            var decision = AccountDecider.Login(account, passwordMatches, settings.Policy, sessionId, RefreshTokens.Hash(refreshToken), now);
            if (decision.Events.Count > 0)
            {
                stream.AppendMany(decision.Events);
                // Retrying is safe: the password check stands, and the decision is made again on the newer stream.
                try { await session.SaveChangesAsync(cancellation); }
                catch (ConcurrencyException) when (attempt < 3) { continue; }
            }

            return decision.Outcome switch
            {
                LoginOutcome.LoggedIn => TypedResults.Ok(LoginResponse.For(account!, sessionId, refreshToken,
                    decision.Events.OfType<UserLoggedIn>().Single().RefreshExpiresAt, settings, now)),
                LoginOutcome.NotVerified => TypedResults.Problem(statusCode: 401, title: "E-mail not verified",
                    detail: "Verify the e-mail address before logging in."),
                _ => TypedResults.Problem(statusCode: 401, title: "Login failed",
                    detail: "The e-mail address or the password is wrong, or the account is locked for a while after too many failed attempts.")
            };
        }
    }
}
