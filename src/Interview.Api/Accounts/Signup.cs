using System.ComponentModel.DataAnnotations;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record SignupRequest([Required] string? Email, [Required] string? Password, [Required] string? DisplayName);

public sealed record SignupResponse(Guid UserId, string? VerificationToken);

public static class Signup
{
    public static ProblemDetails Validate(SignupRequest request) =>
        Problems.Validation(AccountRules.ValidateSignup(request.Email, request.Password, request.DisplayName));

    /// <summary>Creates an account; the verification token is logged (and returned when Auth:ExposeVerificationToken is on).</summary>
    [AllowAnonymous]
    [WolverinePost("/api/v1/auth/signup", OperationId = "Signup")]
    [Tags("Accounts")]
    public static async Task<Results<Created<SignupResponse>, ProblemHttpResult>> Post(
        SignupRequest request, IDocumentSession session, AuthSettings settings, PasswordHasher<UserAccount> hasher,
        TimeProvider clock, ILogger<SignupRequest> logger, CancellationToken cancellation)
    {
        var normalizedEmail = AccountRules.NormalizeEmail(request.Email);
        if (await session.Query<UserAccount>().AnyAsync(a => a.NormalizedEmail == normalizedEmail, cancellation))
            return Problems.From(Domain.Common.Rejection.Conflict("An account with this e-mail address already exists."));

        var userId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var token = Tokens.NewVerificationToken();
        var signedUp = new UserSignedUp(userId, request.Email!.Trim(), normalizedEmail, request.DisplayName!.Trim(),
            hasher.HashPassword(null!, request.Password!), Tokens.HashToken(token), now);
        var events = new List<object> { signedUp };
        if (AccountRules.NormalizeEmail(settings.BootstrapAdminEmail) == normalizedEmail && normalizedEmail.Length > 0)
            events.Add(new RoleGranted(userId, Roles.Admin, null, "bootstrap admin from Auth:BootstrapAdminEmail", now));
        session.Events.StartStream<UserAccount>(userId, events);

        logger.LogInformation("Verification token for {Email}: {Token}", normalizedEmail, token);
        return TypedResults.Created("/api/v1/me", new SignupResponse(userId, settings.ExposeVerificationToken ? token : null));
    }
}
