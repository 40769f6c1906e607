using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Sessions;

public static class GetInterview
{
    public const int MaxWaitSeconds = 30;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The interview as the candidate sees it. With waitForTurn=N the request is held up to N seconds (at most 30)
    /// while the interviewer is still writing its turn.
    /// </summary>
    [WolverineGet("/api/v1/interviews/{id}", OperationId = "GetInterview")]
    [Tags("Interviews")]
    public static async Task<Results<Ok<InterviewView>, ProblemHttpResult>> Get(
        Guid id, double? waitForTurn, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken cancellation)
    {
        if (waitForTurn is { } wait && !(wait >= 0 && wait <= MaxWaitSeconds))
            return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]>
            {
                ["waitForTurn"] = [$"waitForTurn is a number of seconds between 0 and {MaxWaitSeconds}."]
            }));

        var deadline = clock.GetUtcNow().AddSeconds(waitForTurn ?? 0);
        while (true)
        {
            await using var session = store.QuerySession();
            var view = await session.LoadAsync<InterviewView>(id, cancellation);
            if (view is null || view.CandidateId != user.UserId()) return Problems.NotFound("interview");
            if (view.Awaiting != Awaiting.Interviewer || clock.GetUtcNow() >= deadline) return TypedResults.Ok(view);
            await Task.Delay(PollInterval, clock, cancellation);
        }
    }
}
