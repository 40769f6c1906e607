using System.Security.Claims;
using Interview.Domain.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Sessions;

public static class ResumeInterview
{
    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) => InterviewReply.OwnedBy(interview, user);

    /// <summary>Resumes a paused interview.</summary>
    [WolverinePost("/api/v1/interviews/{id}/resume", OperationId = "ResumeInterview")]
    [Tags("Interviews")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        [WriteAggregate(Required = false)] InterviewSession interview, TimeProvider clock) =>
        InterviewReply.Of(interview, InterviewDecider.Resume(interview, clock.GetUtcNow()));
}
