using Microsoft.AspNetCore.Http.HttpResults;
using Interview.Api.Hosting;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Projections.Prep;
using Marten;
using Wolverine.Http;

namespace Interview.Api.Prep;

public sealed record CompanyPrep(string Company, int PrepCount, DateTimeOffset LastPrepared, bool IsSaved);

public static class ListPrepCompanies
{
    /// <summary>The companies the caller prepared for: how many packs, when last, and whether one is saved.</summary>
    [WolverineGet("/api/v1/prep/companies", OperationId = "PrepCompanies")]
    [Tags("Prep")]
    public static async Task<Results<Ok<PagedList<CompanyPrep>>, ProblemHttpResult>> Get(
        int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!Paging.IsValid(page, pageSize, out var request, out var problem)) return problem;
        var candidate = user.UserId();
        var packs = await session.Query<PrepPackView>().Where(p => p.CandidateId == candidate && !p.Deleted).ToListAsync(cancellation);
        return TypedResults.Ok(request.Slice(packs.GroupBy(p => p.CompanyKey)
            .Select(g => new CompanyPrep(g.OrderByDescending(p => p.CreatedAt).First().Company, g.Count(), g.Max(p => p.CreatedAt), g.Any(p => p.IsSaved)))
            .OrderByDescending(c => c.LastPrepared).ToArray()));
    }
}
