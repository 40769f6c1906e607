using Microsoft.AspNetCore.Http.HttpResults;
using Interview.Api.Hosting;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Domain.Accounts;
using Interview.Projections.History;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Interview.Api.Coaching;

/// <summary>What a coach sees of the interviews candidates shared with them. Without a share, every route is a 404.</summary>
[Authorize(Roles = Roles.Coach)]
public static class CoachInterviews
{
    /// <summary>The interviews candidates shared with the calling coach.</summary>
    [WolverineGet("/api/v1/coach/interviews", OperationId = "CoachInterviews")]
    [Tags("Coaching")]
    public static async Task<Results<Ok<PagedList<InterviewSummary>>, ProblemHttpResult>> List(
        int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!Paging.IsValid(page, pageSize, out var request, out var problem)) return problem;
        var coach = user.UserId();
        var query = session.Query<InterviewSummary>().Where(s => s.SharedWith.Contains(coach));
        var total = await query.CountAsync(cancellation);
        var items = await query.OrderByDescending(s => s.CreatedAt).Skip(request.Offset).Take(request.PageSize).ToListAsync(cancellation);
        return TypedResults.Ok(request.Of(items, total));
    }

    public static async Task<bool> IsShared(IQuerySession session, Guid id, Guid coach, CancellationToken cancellation) =>
        await session.LoadAsync<InterviewSummary>(id, cancellation) is { } summary && summary.SharedWith.Contains(coach);
}
