using System.Text.Json;
using Interview.Domain.Reports;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Reports;

/// <summary>Hangfire's storage refusing the report job (e.g. "too many clients") loses no report.</summary>
public sealed class ReportEnqueueTests(AppFixture fixture) : ApiTest(fixture)
{
    private const string Answer = "First I would clarify requirements, then add a cache and a queue because it cut latency by 40%; the trade-off is consistency.";

    [Fact]
    public async Task a_report_job_that_could_not_be_queued_is_queued_again_and_the_report_arrives()
    {
        var candidate = await Host.SignedUp();
        Fixture.Jobs.FailNext = 2;
        var id = await Host.FinalizedInterview(candidate, _ => Answer);

        var report = await (await Host.ReportWhen(candidate, id)).ReadAsJsonAsync<InterviewReport>();

        report!.Version.ShouldBe(1);
        Fixture.Jobs.FailNext.ShouldBeLessThan(0);
    }

    [Fact]
    public async Task when_every_enqueue_fails_the_report_is_failed_and_the_candidate_can_retry()
    {
        var candidate = await Host.SignedUp();
        Fixture.Jobs.FailNext = int.MaxValue;
        var id = await Host.FinalizedInterview(candidate, _ => Answer);

        var failed = await (await Host.ReportWhen(candidate, id, 202, until: "failed")).ReadAsJsonAsync<JsonElement>();
        failed.GetProperty("attempts").GetInt32().ShouldBe(3);
        failed.GetProperty("lastError").GetString()!.ShouldContain("could not be queued");

        Fixture.Jobs.FailNext = 0;
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/report/retry", 202);
        var report = await (await Host.ReportWhen(candidate, id)).ReadAsJsonAsync<InterviewReport>();
        report!.Version.ShouldBe(1);
    }
}
