using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Privacy;

public sealed record EraseMeRequest([Required] string? Password);

public static class EraseMe
{
    public static ProblemDetails Validate(EraseMeRequest request) =>
        Problems.Validation(string.IsNullOrEmpty(request.Password) || request.Password.Length > AccountRules.MaxPasswordLength
            ? new Dictionary<string, string[]> { ["password"] = ["The password is required to erase the account."] }
            : new Dictionary<string, string[]>());

    /// <summary>
    /// Erases the caller's account and personal data (confirmed with the password): the e-mail address, names, profile,
    /// resume, answers, reports, coach notes and prep inputs become unreadable in every event and read model, stored
    /// messages and jobs naming them are deleted, the account can no longer log in and the address can sign up again.
    /// Anonymous aggregates (question statistics, daily activity) keep their counts. Recorded as an AccountErased event.
    /// </summary>
    [WolverineDelete("/api/v1/me", OperationId = "EraseMe")]
    [Tags("Privacy")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        EraseMeRequest request, ClaimsPrincipal user, IDocumentStore store, Passwords passwords, PersonalData data, TimeProvider clock,
        CancellationToken cancellation)
    {
        var userId = user.UserId();
        await using (var session = store.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<Account>(userId, cancellation);
            if (stream.Aggregate is null) return Problems.NotFound("account");
            var matches = passwords.Verify(stream.Aggregate.PasswordHash, request.Password);
            var decision = AccountDecider.Erase(stream.Aggregate, matches, null, clock.GetUtcNow());
            if (decision.IsRejected)
                return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["password"] = [decision.Rejection!.Detail] }));
            stream.AppendMany(decision.Events);
            await session.SaveChangesAsync(cancellation);
        }
        await data.EraseAsync(userId, ErasureReason.Erasure, cancellation);
        return TypedResults.NoContent();
    }
}
