using System.ComponentModel.DataAnnotations;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Domain.Common;
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
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254) errors["email"] = ["The e-mail address is required."];
        if (string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > 200) errors["token"] = ["The verification token is required."];
        return Problems.Validation(errors);
    }

    /// <summary>Confirms the e-mail address with the token from sign-up; verifying twice is harmless.</summary>
    [AllowAnonymous]
    [WolverinePost("/api/v1/auth/verify", OperationId = "VerifyEmail")]
    [Tags("Accounts")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Post(
        VerifyRequest request, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var userId = await AccountLookup.IdByEmail(session, request.Email, cancellation);
        var stream = userId is null ? null : await session.Events.FetchForWriting<Account>(userId.Value, cancellation);
        if (stream?.Aggregate is null) return Problems.From(Rejection.Invalid("The e-mail address or the token is wrong."));

        var decision = AccountDecider.Verify(stream.Aggregate, Tokens.HashToken(request.Token!), clock.GetUtcNow());
        if (decision.IsRejected) return Problems.From(decision.Rejection!);
        stream.AppendMany(decision.Events);
        return TypedResults.NoContent();
    }
}

/// <summary>The read model finds an account's id by e-mail address; decisions then load the account's stream.</summary>
public static class AccountLookup
{
    public static async Task<Guid?> IdByEmail(IQuerySession session, string? email, CancellationToken cancellation)
    {
        var normalized = AccountRules.NormalizeEmail(email);
        if (normalized.Length == 0) return null;
        var ids = await session.Query<UserAccount>().Where(a => a.NormalizedEmail == normalized).Select(a => a.Id).ToListAsync(cancellation);
        return ids.Count == 0 ? null : ids[0];
    }
}
