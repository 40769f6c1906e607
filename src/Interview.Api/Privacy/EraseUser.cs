using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Privacy;

public static class EraseUser
{
    /// <summary>
    /// Erases a user's account and personal data as <c>DELETE /me</c> does (admins only, no password). Running it again
    /// for an erased account appends nothing and repeats the clean-up, so an erasure interrupted half-way can be finished.
    /// </summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverineDelete("/api/v1/admin/users/{id}", OperationId = "EraseUser")]
    [Tags("Admin")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, ClaimsPrincipal user, IDocumentStore store, PersonalData data, TimeProvider clock, CancellationToken cancellation)
    {
        await using (var session = store.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<Account>(id, cancellation);
            if (stream.Aggregate is null) return Problems.NotFound("user");
            stream.AppendMany(AccountDecider.Erase(stream.Aggregate, false, user.UserId(), clock.GetUtcNow()).Events);
            await session.SaveChangesAsync(cancellation);
        }
        await data.EraseAsync(id, ErasureReason.AdminErasure, cancellation);
        return TypedResults.NoContent();
    }
}
