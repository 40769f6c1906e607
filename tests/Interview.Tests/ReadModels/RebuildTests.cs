using System.Text.Json;
using Interview.Projections.Accounts;
using Interview.Projections.Analytics;
using Interview.Projections.History;
using Interview.Projections.Reports;
using Interview.Projections.Sessions;
using Interview.Projections.Statistics;
using Interview.Tests.Hosting;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.ReadModels;

public sealed class RebuildTests(AppFixture fixture) : ApiTest(fixture)
{
    private static readonly Type[] Projections =
    [
        typeof(UserAccountProjection), typeof(InterviewViewProjection), typeof(CandidateQuestionHistoryProjection),
        typeof(InterviewReportsProjection), typeof(InterviewSummaryProjection), typeof(CandidateStatisticsProjection),
        typeof(DailyActivityProjection), typeof(QuestionStatisticsProjection), typeof(LlmUsageDailyProjection)
    ];

    private async Task<Dictionary<string, string>> Snapshot()
    {
        await using var session = Fixture.Store.QuerySession();
        async Task<string> All<T>(Func<T, string> key) where T : notnull =>
            JsonSerializer.Serialize((await session.Query<T>().ToListAsync()).OrderBy(key, StringComparer.Ordinal));
        return new Dictionary<string, string>
        {
            ["accounts"] = await All<UserAccount>(a => a.Id.ToString()),
            ["views"] = await All<InterviewView>(v => v.Id.ToString()),
            ["history"] = await All<CandidateQuestionHistory>(h => h.Id.ToString()),
            ["reports"] = await All<InterviewReports>(r => r.Id.ToString()),
            ["summaries"] = await All<InterviewSummary>(s => s.Id.ToString()),
            ["statistics"] = await All<CandidateStatistics>(s => s.Id.ToString()),
            ["daily"] = await All<DailyActivity>(d => d.Id),
            ["questions"] = await All<QuestionStatistics>(q => q.Id),
            ["llm"] = await All<LlmUsageDaily>(l => l.Id)
        };
    }

    [Fact]
    public async Task rebuilding_every_projection_reproduces_every_read_model_exactly()
    {
        var candidate = await Host.SignedUp();
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var first = await Host.FinalizedInterview(candidate, _ => "First I would use a hash map because lookups are O(1); the trade-off is memory. I learned a lot.");
        var second = await Host.FinalizedInterview(candidate, _ => "Not sure.", answerCount: 1);
        await Host.ReportWhen(candidate, first);
        await Host.ReportWhen(candidate, second);
        await Host.Posted(admin, $"/api/v1/coach/interviews/{first}/rescore", 202);
        await Host.StartedInterview(candidate);
        for (var i = 0; i < 50 && (await Host.ReportWhen(candidate, first)).Context.Response.StatusCode != 200; i++) await Task.Delay(100);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));
        var before = await Snapshot();
        before["statistics"].ShouldContain(candidate.Id.ToString());

        // Twice: the second rebuild runs on pooled connections the first used (Marten's pool does not reset them).
        var daemon = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        for (var round = 1; round <= 2; round++)
        {
            foreach (var projection in Projections)
                await daemon.RebuildProjectionAsync(projection, TimeSpan.FromSeconds(30), CancellationToken.None);
            await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));
            var after = await Snapshot();

            foreach (var (name, json) in before) after[name].ShouldBe(json, $"read model '{name}' differs after rebuild {round}");
        }
    }
}
