using System.Security.Claims;
using Interview.Domain.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Sessions;

public static class StartInterview
{
    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) => InterviewReply.OwnedBy(interview, user);

    /// <summary>Starts the interview; the greeting and warm-up are written off-request (poll GET with waitForTurn).</summary>
    [WolverinePost("/api/v1/interviews/{id}/start", OperationId = "StartInterview")]
    [Tags("Interviews")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        [WriteAggregate(Required = false)] InterviewSession interview, TimeProvider clock) =>
        InterviewReply.Of(interview, InterviewDecider.Start(interview, clock.GetUtcNow()));
}
