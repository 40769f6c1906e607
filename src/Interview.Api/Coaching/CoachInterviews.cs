using System.Security.Claims;
using System.Text.Json;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Sessions;
using Interview.Domain.Accounts;
using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Interview.Projections.History;
using Interview.Projections.Sessions;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Coaching;

/// <summary>What a coach sees of the interviews candidates shared with them. Without a share, every route is a 404.</summary>
[Authorize(Roles = Roles.Coach)]
public static class CoachInterviews
{
    [WolverineGet("/api/v1/coach/interviews", OperationId = "CoachInterviews")]
    [Tags("Coaching")]
    public static async Task<IReadOnlyList<InterviewSummary>> List(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var coach = user.UserId();
        return await session.Query<InterviewSummary>().Where(s => s.SharedWith.Contains(coach))
            .OrderByDescending(s => s.CreatedAt).ToListAsync(cancellation);
    }

    public static async Task<bool> IsShared(IQuerySession session, Guid id, Guid coach, CancellationToken cancellation) =>
        await session.LoadAsync<InterviewSummary>(id, cancellation) is { } summary && summary.SharedWith.Contains(coach);
}
