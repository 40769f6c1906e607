using System.Security.Claims;
using Interview.Domain.Sessions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Sessions;

public static class StartInterview
{
    /// <summary>Starts the interview; the greeting and warm-up are written off-request (poll GET with waitForTurn).</summary>
    [WolverinePost("/api/v1/interviews/{id}/start", OperationId = "StartInterview")]
    [Tags("Interviews")]
    public static Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        InterviewCommands.Run(session, id, user, state => InterviewDecider.Start(state, clock.GetUtcNow()), cancellation);
}

public static class PauseInterview
{
    /// <summary>Pauses an interview in progress; no answer is accepted until it is resumed.</summary>
    [WolverinePost("/api/v1/interviews/{id}/pause", OperationId = "PauseInterview")]
    [Tags("Interviews")]
    public static Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        InterviewCommands.Run(session, id, user, state => InterviewDecider.Pause(state, clock.GetUtcNow()), cancellation);
}

public static class ResumeInterview
{
    /// <summary>Resumes a paused interview where it stopped.</summary>
    [WolverinePost("/api/v1/interviews/{id}/resume", OperationId = "ResumeInterview")]
    [Tags("Interviews")]
    public static Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        InterviewCommands.Run(session, id, user, state => InterviewDecider.Resume(state, clock.GetUtcNow()), cancellation);
}

public static class FinalizeInterview
{
    /// <summary>Ends the interview: after the closing turn, or early (the finalize event records which).</summary>
    [WolverinePost("/api/v1/interviews/{id}/finalize", OperationId = "FinalizeInterview")]
    [Tags("Interviews")]
    public static Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        InterviewCommands.Run(session, id, user, state => InterviewDecider.Finalize(state, clock.GetUtcNow()), cancellation);
}
