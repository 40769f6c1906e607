using System.Security.Claims;
using Interview.Domain.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Sessions;

public static class FinalizeInterview
{
    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) => InterviewReply.OwnedBy(interview, user);

    /// <summary>Ends the interview: after the closing turn, or early (the finalize event records which); the report is generated off-request.</summary>
    [WolverinePost("/api/v1/interviews/{id}/finalize", OperationId = "FinalizeInterview")]
    [Tags("Interviews")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        [WriteAggregate(Required = false)] InterviewSession interview, TimeProvider clock) =>
        InterviewReply.Of(interview, InterviewDecider.Finalize(interview, clock.GetUtcNow()));
}
