using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Projections.Sessions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Coaching;

[Authorize(Roles = Roles.Coach)]
public static class ReplayInterview
{
    /// <summary>The interview view exactly as it was at a version (?version=N) or a moment (?at=ISO-8601).</summary>
    [WolverineGet("/api/v1/coach/interviews/{id}/replay", OperationId = "CoachReplay")]
    [Tags("Coaching")]
    public static async Task<Results<Ok<InterviewView>, ProblemHttpResult>> Get(
        Guid id, long? version, DateTimeOffset? at, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!await CoachInterviews.IsShared(session, id, user.UserId(), cancellation)) return Problems.NotFound("interview");
        if (version is null == at is null)
            return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["version"] = ["Give exactly one of version or at."] }));
        if (version is < 1) return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["version"] = ["version starts at 1."] }));
        var view = version is not null
            ? await session.Events.AggregateStreamAsync<InterviewView>(id, version.Value, token: cancellation)
            : await session.Events.AggregateStreamAsync<InterviewView>(id, timestamp: at!.Value, token: cancellation);
        return view is null ? Problems.NotFound("interview state at that point") : TypedResults.Ok(view);
    }
}
