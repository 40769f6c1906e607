using System.Security.Claims;
using Interview.Api.Hosting;
using Interview.Domain.Prep;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Prep;

public static class SavePrepPack
{
    public static ProblemDetails Validate(PrepPack? pack, ClaimsPrincipal user) => PrepPackAccess.OwnedBy(pack, user);

    /// <summary>Saves a prep pack to the caller's list.</summary>

    [WolverinePost("/api/v1/prep/{id}/save", OperationId = "SavePrepPack")]
    [Tags("Prep")]
    public static (Results<Ok<PrepPackResponse>, ProblemHttpResult>, Events) Post([WriteAggregate(Required = false)] PrepPack pack, TimeProvider clock)
    {
        var decision = PrepPackDecider.Save(pack, clock.GetUtcNow());
        if (decision.IsRejected) return (Problems.From(decision.Rejection!), new Events());
        return (TypedResults.Ok(PrepPackResponse.From(pack with { IsSaved = true })), [.. decision.Events]);
    }
}
