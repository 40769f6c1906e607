using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Sessions;
using Interview.Domain.Accounts;
using Interview.Domain.Reports;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Reports;

public static class RetryReport
{
    /// <summary>After a report failed all its retries, the candidate starts generation again.</summary>
    [WolverinePost("/api/v1/interviews/{id}/report/retry", OperationId = "RetryReport")]
    [Tags("Reports")]
    public static Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        InterviewCommands.Run(session, id, user, state => ReportDecider.Retry(state, user.UserId(), clock.GetUtcNow()), cancellation);
}

public static class RescoreInterview
{
    /// <summary>A coach or admin asks for a new report version; earlier versions stay readable with ?version=N.</summary>
    [Authorize(Roles = $"{Roles.Coach},{Roles.Admin}")]
    [WolverinePost("/api/v1/coach/interviews/{id}/rescore", OperationId = "RescoreInterview")]
    [Tags("Coaching")]
    public static Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        InterviewCommands.Run(session, id, user, state => ReportDecider.Rescore(state, user.UserId(), clock.GetUtcNow()), cancellation,
            mayAct: state => user.IsInRoleName(Roles.Admin) || state.IsSharedWith(user.UserId()));
}
