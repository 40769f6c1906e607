using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Sessions;
using Interview.Domain.Accounts;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Coaching;

public static class RescoreInterview
{
    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) =>
        interview is not null && user.IsInRoleName(Roles.Admin) ? WolverineContinue.NoProblems : InterviewReply.SharedWith(interview, user);

    /// <summary>A coach or admin asks for a new report version; earlier versions stay readable with ?version=N.</summary>
    [Authorize(Roles = $"{Roles.Coach},{Roles.Admin}")]
    [WolverinePost("/api/v1/coach/interviews/{id}/rescore", OperationId = "RescoreInterview")]
    [Tags("Coaching")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        [WriteAggregate(Required = false)] InterviewSession interview, ClaimsPrincipal user, TimeProvider clock) =>
        InterviewReply.Of(interview, ReportDecider.Rescore(interview, user.UserId(), clock.GetUtcNow()));
}
