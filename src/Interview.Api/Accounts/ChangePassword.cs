using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record ChangePasswordRequest([Required] string? CurrentPassword, [Required] string? NewPassword);

public static class ChangePassword
{
    public static ProblemDetails Validate(ChangePasswordRequest request, ClaimsPrincipal user, CommonPasswords commonPasswords)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.CurrentPassword) || request.CurrentPassword.Length > AccountRules.MaxPasswordLength)
            errors["currentPassword"] = ["The current password is required."];
        if (AccountRules.PasswordProblem(request.NewPassword, commonPasswords.Set, user.FindFirst("email")?.Value) is { } problem)
            errors["newPassword"] = [problem];
        else if (request.NewPassword == request.CurrentPassword) errors["newPassword"] = ["The new password must differ from the current one."];
        return Problems.Validation(errors);
    }

    /// <summary>Changes the password and ends every session and access token of the account, this one included.</summary>
    [WolverinePost("/api/v1/me/password", OperationId = "ChangePassword")]
    [Tags("Accounts")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Post(
        ChangePasswordRequest request, ClaimsPrincipal user, IDocumentSession session, Passwords passwords, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Account>(user.UserId(), cancellation);
        if (stream.Aggregate is null) return Problems.NotFound("account");

        var matches = passwords.Verify(stream.Aggregate.PasswordHash, request.CurrentPassword);
        var decision = AccountDecider.ChangePassword(stream.Aggregate, matches, matches ? passwords.Hash(request.NewPassword!) : "", clock.GetUtcNow());
        if (decision.IsRejected)
            return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["currentPassword"] = [decision.Rejection!.Detail] }));
        stream.AppendMany(decision.Events);
        return TypedResults.NoContent();
    }
}
