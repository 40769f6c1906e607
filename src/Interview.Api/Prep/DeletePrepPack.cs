using System.Security.Claims;
using Interview.Api.Hosting;
using Interview.Domain.Prep;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Prep;

public static class DeletePrepPack
{
    public static ProblemDetails Validate(PrepPack? pack, ClaimsPrincipal user) => PrepPackAccess.OwnedBy(pack, user);

    /// <summary>Deletes the pack; of parallel deletes one gets 204 and the others 404 (already gone) or 409 (lost the race).</summary>
    [WolverineDelete("/api/v1/prep/{id}", OperationId = "DeletePrepPack")]
    [Tags("Prep")]
    public static (Results<NoContent, ProblemHttpResult>, Events) Delete([WriteAggregate(Required = false)] PrepPack pack, TimeProvider clock)
    {
        var decision = PrepPackDecider.Delete(pack, clock.GetUtcNow());
        return decision.IsRejected ? (Problems.From(decision.Rejection!), new Events()) : (TypedResults.NoContent(), [.. decision.Events]);
    }
}
