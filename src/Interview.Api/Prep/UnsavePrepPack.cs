using System.Security.Claims;
using Interview.Api.Hosting;
using Interview.Domain.Prep;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Prep;

public static class UnsavePrepPack
{
    public static ProblemDetails Validate(PrepPack? pack, ClaimsPrincipal user) => PrepPackAccess.OwnedBy(pack, user);

    /// <summary>Removes a prep pack from the caller's saved list.</summary>

    [WolverinePost("/api/v1/prep/{id}/unsave", OperationId = "UnsavePrepPack")]
    [Tags("Prep")]
    public static (Results<Ok<PrepPackResponse>, ProblemHttpResult>, Events) Post([WriteAggregate(Required = false)] PrepPack pack, TimeProvider clock)
    {
        var decision = PrepPackDecider.Unsave(pack, clock.GetUtcNow());
        if (decision.IsRejected) return (Problems.From(decision.Rejection!), new Events());
        return (TypedResults.Ok(PrepPackResponse.From(pack with { IsSaved = false })), [.. decision.Events]);
    }
}
