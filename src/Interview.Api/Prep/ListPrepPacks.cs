using Microsoft.AspNetCore.Http.HttpResults;
using Interview.Api.Hosting;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Projections.Prep;
using Marten;
using Wolverine.Http;

namespace Interview.Api.Prep;

public static class ListPrepPacks
{
    /// <summary>The caller's prep packs, newest first (?savedOnly=true for the saved ones).</summary>
    [WolverineGet("/api/v1/prep", OperationId = "ListPrepPacks")]
    [Tags("Prep")]
    public static async Task<Results<Ok<PagedList<PrepPackResponse>>, ProblemHttpResult>> Get(
        bool? savedOnly, int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!Paging.IsValid(page, pageSize, out var request, out var problem)) return problem;
        var candidate = user.UserId();
        var query = session.Query<PrepPackView>().Where(p => p.CandidateId == candidate && !p.Deleted);
        if (savedOnly == true) query = query.Where(p => p.IsSaved);
        var total = await query.CountAsync(cancellation);
        var packs = await query.OrderByDescending(p => p.CreatedAt).Skip(request.Offset).Take(request.PageSize).ToListAsync(cancellation);
        return TypedResults.Ok(request.Of(packs.Select(PrepPackResponse.From).ToArray(), total));
    }
}
