using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Projections.History;
using Interview.Projections.Statistics;
using Marten;
using Wolverine.Http;

namespace Interview.Api.Progress;

public sealed record Dashboard(CandidateStatisticsView Statistics, IReadOnlyList<InterviewSummary> RecentInterviews,
    IReadOnlyList<PackProgress> PrepProgress, SuggestedPractice NextSuggestedPractice);

public sealed record PackProgress(Guid PackId, string Company, string? JobTitle, int Practised, int Total, bool IsSaved);

public static class MyStatistics
{
    /// <summary>Totals, completion, scores by type and difficulty, trend, streak and weakest criteria (async projection: may lag by about a second).</summary>
    [WolverineGet("/api/v1/me/statistics", OperationId = "MyStatistics")]
    [Tags("Progress")]
    public static async Task<CandidateStatisticsView> Get(ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken cancellation) =>
        StatisticsReport.From(await session.LoadAsync<CandidateStatistics>(user.UserId(), cancellation), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    /// <summary>The caller's statistics, recent interviews, prep progress and the next suggested practice, in one call.</summary>
    [WolverineGet("/api/v1/me/dashboard", OperationId = "MyDashboard")]
    [Tags("Progress")]
    public static async Task<Dashboard> GetDashboard(ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken cancellation)
    {
        var statistics = await Get(user, session, clock, cancellation);
        var candidate = user.UserId();
        var recent = await session.Query<InterviewSummary>().Where(s => s.CandidateId == candidate)
            .OrderByDescending(s => s.CreatedAt).Take(5).ToListAsync(cancellation);
        var packs = await session.Query<Interview.Projections.Prep.PrepPackView>().Where(p => p.CandidateId == candidate && !p.Deleted)
            .OrderByDescending(p => p.CreatedAt).Take(10).ToListAsync(cancellation);
        return new Dashboard(statistics, recent,
            packs.Select(p => new PackProgress(p.Id, p.Company, p.JobTitle, p.PracticedQuestions.Count, p.Questions.Count, p.IsSaved)).ToArray(),
            statistics.NextSuggestedPractice);
    }
}
