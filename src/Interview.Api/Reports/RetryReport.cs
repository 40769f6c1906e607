using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Sessions;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Reports;

public static class RetryReport
{
    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) => InterviewReply.OwnedBy(interview, user);

    /// <summary>After a report failed all its retries, the candidate starts generation again.</summary>
    [WolverinePost("/api/v1/interviews/{id}/report/retry", OperationId = "RetryReport")]
    [Tags("Reports")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        [WriteAggregate(Required = false)] InterviewSession interview, ClaimsPrincipal user, TimeProvider clock) =>
        InterviewReply.Of(interview, ReportDecider.Retry(interview, user.UserId(), clock.GetUtcNow()));
}
