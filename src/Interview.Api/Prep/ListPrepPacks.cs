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
    public static async Task<IReadOnlyList<PrepPackResponse>> Get(bool? savedOnly, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var candidate = user.UserId();
        var query = session.Query<PrepPackView>().Where(p => p.CandidateId == candidate && !p.Deleted);
        if (savedOnly == true) query = query.Where(p => p.IsSaved);
        return (await query.OrderByDescending(p => p.CreatedAt).ToListAsync(cancellation)).Select(PrepPackResponse.From).ToArray();
    }
}
