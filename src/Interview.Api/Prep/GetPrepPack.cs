using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Projections.Prep;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Prep;

public static class GetPrepPack
{
    /// <summary>One of the caller's prep packs.</summary>
    [WolverineGet("/api/v1/prep/{id}", OperationId = "GetPrepPack")]
    [Tags("Prep")]
    public static async Task<Results<Ok<PrepPackResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation) =>
        await session.LoadAsync<PrepPackView>(id, cancellation) is { Deleted: false } pack && pack.CandidateId == user.UserId()
            ? TypedResults.Ok(PrepPackResponse.From(pack))
            : Problems.NotFound("prep pack");
}
