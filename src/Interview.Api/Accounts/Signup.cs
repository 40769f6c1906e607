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

public sealed record SignupRequest([Required] string? Email, [Required] string? Password, [Required] string? DisplayName);

public sealed record SignupResponse(Guid UserId, string? VerificationToken);

public static class Signup
{
    public static ProblemDetails Validate(SignupRequest request, CommonPasswords commonPasswords) =>
        Problems.Validation(AccountRules.ValidateSignup(request.Email, request.Password, request.DisplayName, commonPasswords.Set));

    /// <summary>
    /// Creates an account. The verification token (valid Auth:VerificationTokenHours) is logged in Development only,
    /// and returned when Auth:ExposeVerificationToken is on.
    /// </summary>
    [AllowAnonymous]
    [WolverinePost("/api/v1/auth/signup", OperationId = "Signup")]
    [Tags("Accounts")]
    public static async Task<Results<Created<SignupResponse>, ProblemHttpResult>> Post(
        SignupRequest request, IDocumentStore store, AuthSettings settings, Passwords passwords,
        TimeProvider clock, ILogger<SignupRequest> logger, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var normalizedEmail = AccountRules.NormalizeEmail(request.Email);
        var claimId = AccountDecider.EmailClaimStreamId(normalizedEmail);
        var taken = await session.Events.FetchStreamStateAsync(claimId, cancellation) is not null;
        var userId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var token = Tokens.NewVerificationToken();
        var bootstrapAdmin = normalizedEmail == AccountRules.NormalizeEmail(settings.BootstrapAdminEmail);

        var decision = AccountDecider.SignUp(taken, userId, request.Email!, request.DisplayName!,
            taken ? "" : passwords.Hash(request.Password!), Tokens.HashToken(token), bootstrapAdmin, settings.Policy, now);
        if (decision.IsRejected) return Problems.From(decision.Rejection!);

        session.Events.StartStream(claimId, new EmailAddressClaimed(claimId, normalizedEmail, userId, now));
        session.Events.StartStream<Account>(userId, decision.Events);
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception e) when (IsDuplicate(e))
        {
            // A parallel signup with the same address committed first: its claim stream holds the id.
            return Problems.From(Domain.Common.Rejection.Conflict("An account with this e-mail address already exists."));
        }

        if (settings.LogVerificationToken) logger.LogInformation("Verification token for user {UserId}: {Token}", userId, token);
        return TypedResults.Created("/api/v1/me", new SignupResponse(userId, settings.ExposeVerificationToken ? token : null));
    }

    private static bool IsDuplicate(Exception? e) =>
        e is not null && (e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
                              or JasperFx.Events.ExistingStreamIdCollisionException
                              or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
                          || IsDuplicate(e.InnerException));
}
