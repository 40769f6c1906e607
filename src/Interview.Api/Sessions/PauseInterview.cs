using System.Security.Claims;
using Interview.Domain.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Sessions;

public static class PauseInterview
{
    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) => InterviewReply.OwnedBy(interview, user);

    /// <summary>Pauses an interview in progress.</summary>
    [WolverinePost("/api/v1/interviews/{id}/pause", OperationId = "PauseInterview")]
    [Tags("Interviews")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        [WriteAggregate(Required = false)] InterviewSession interview, TimeProvider clock) =>
        InterviewReply.Of(interview, InterviewDecider.Pause(interview, clock.GetUtcNow()));
}
