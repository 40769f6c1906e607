using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Live;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Sessions;

public static class GetInterview
{
    public const int MaxWaitSeconds = 30;

    /// <summary>
    /// The interview as the candidate sees it. With waitForTurn=N the request is held up to N seconds (at most 30)
    /// while the interviewer is still writing its turn. It waits on the process's LISTEN/NOTIFY fan-out
    /// (<see cref="StreamChanges"/>), holding no database connection, and re-reads the view only when the stream changed.
    /// </summary>
    [WolverineGet("/api/v1/interviews/{id}", OperationId = "GetInterview")]
    [Tags("Interviews")]
    public static async Task<Results<Ok<InterviewView>, ProblemHttpResult>> Get(
        Guid id, double? waitForTurn, ClaimsPrincipal user, IDocumentStore store, StreamChanges changes, TimeProvider clock,
        CancellationToken cancellation)
    {
        if (waitForTurn is { } wait && !(wait >= 0 && wait <= MaxWaitSeconds))
            return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]>
            {
                ["waitForTurn"] = [$"waitForTurn is a number of seconds between 0 and {MaxWaitSeconds}."]
            }));

        var deadline = clock.GetTimestamp() + (long)((waitForTurn ?? 0) * clock.TimestampFrequency);
        while (true)
        {
            // Taken before the read, so a commit between the read and the wait still wakes it.
            var changed = changes.NextChange(id);
            InterviewView? view;
            await using (var session = store.QuerySession())
                view = await session.LoadAsync<InterviewView>(id, cancellation);
            if (view is null || view.CandidateId != user.UserId()) return Problems.NotFound("interview");

            var left = clock.GetElapsedTime(clock.GetTimestamp(), deadline);
            if (view.Awaiting != Awaiting.Interviewer || left <= TimeSpan.Zero) return TypedResults.Ok(view);
            try
            {
                await changed.WaitAsync(left, clock, cancellation);
            }
            catch (TimeoutException)
            {
                // One last read answers with the current view even if a notification was lost with the listener's connection.
            }
        }
    }
}
