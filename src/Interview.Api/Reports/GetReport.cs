using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Domain.Reports;
using Interview.Projections.Reports;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Reports;

public sealed record ReportPending(ReportStatus Status, int Attempts, int Version, string? LastError);

public static class GetReport
{
    /// <summary>
    /// 200 with the newest report (or ?version=N), 202 with the job status while it is queued, generating or failed.
    /// Admins, and coaches the interview is shared with, may read it too. Spoken answers add a separate delivery section
    /// (pace, filler words, pauses, length against the time allowed), derived from the answer events and never part of the scores.
    /// </summary>
    [WolverineGet("/api/v1/interviews/{id}/report", OperationId = "GetReport")]
    [Tags("Reports")]
    public static async Task<Results<Ok<InterviewReport>, Accepted<ReportPending>, ProblemHttpResult>> Get(
        Guid id, int? version, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var reports = await session.LoadAsync<InterviewReports>(id, cancellation);
        var mayRead = reports is not null && (reports.CandidateId == user.UserId() || user.IsInRoleName(Roles.Admin)
            || (user.IsInRoleName(Roles.Coach) && await Coaching.CoachInterviews.IsShared(session, id, user.UserId(), cancellation)));
        if (!mayRead || reports is null) return Problems.NotFound("interview");
        if (version is not null)
            return reports.Versions.FirstOrDefault(r => r.Version == version) is { } wanted
                ? TypedResults.Ok(wanted with { Delivery = reports.Delivery })
                : Problems.NotFound($"report version {version}");
        if (reports.Status == ReportStatus.None)
            return Problems.From(Domain.Common.Rejection.Conflict("The interview has not been finalized, so there is no report yet."));
        if (reports.Status == ReportStatus.Ready) return TypedResults.Ok(reports.Versions[^1] with { Delivery = reports.Delivery });
        return TypedResults.Accepted($"/api/v1/interviews/{id}/report",
            new ReportPending(reports.Status, reports.Attempts, reports.RequestedVersion, reports.LastError));
    }
}
