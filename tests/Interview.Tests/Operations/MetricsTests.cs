using Alba;
using Microsoft.AspNetCore.Builder;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class MetricsTests(AppFixture fixture) : ApiTest(fixture)
{
    private Caller? admin;

    private async Task<PrometheusText> Scrape()
    {
        admin ??= await Host.SignedUp(AppFixture.AdminEmail);
        var result = await Host.As(admin, s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("text/plain");
        return new PrometheusText(await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task the_metrics_endpoint_answers_admins_only()
    {
        await Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(401);
        });
        var candidate = await Host.SignedUp();
        await Host.As(candidate, s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(403);
        });

        var metrics = await Scrape();

        metrics.Has("http_server_request_duration_seconds_count").ShouldBeTrue(metrics.Text);
    }

    [Fact]
    public async Task after_an_interview_the_metrics_show_turn_and_report_latency()
    {
        var before = await Scrape();
        var candidate = await Host.SignedUp();
        var id = await Host.FinalizedInterview(candidate, _ => "I would measure first, then fix the slowest query with an index, and verify the gain under load.");
        await Host.ReportWhen(candidate, id);

        var after = await Scrape();

        var turns = after.Sum("interview_turn_latency_seconds_count") - before.Sum("interview_turn_latency_seconds_count");
        var turnSeconds = after.Sum("interview_turn_latency_seconds_sum") - before.Sum("interview_turn_latency_seconds_sum");
        turns.ShouldBeGreaterThanOrEqualTo(4, "a greeting, three questions or follow-ups and a closing at least");
        (turnSeconds / turns).ShouldBeInRange(0.0001, 10, "mean seconds from an answer to the interviewer's turn");
        after.Sum("interview_turn_latency_seconds_count", ("kind", "question")).ShouldBeGreaterThan(0);

        var reports = after.Sum("interview_report_latency_seconds_count", ("scored_by", "offline")) - before.Sum("interview_report_latency_seconds_count", ("scored_by", "offline"));
        var reportSeconds = after.Sum("interview_report_latency_seconds_sum") - before.Sum("interview_report_latency_seconds_sum");
        reports.ShouldBe(1);
        reportSeconds.ShouldBeInRange(0.001, 20);

        after.Sum("wolverine_messages_succeeded_Messages_total", ("message_type", "Interview.Workers.Turns.InterviewerTurnDue"))
            .ShouldBeGreaterThanOrEqualTo(turns, "Wolverine's own meter: a handled message per turn");
        after.Has("db_client_operation_duration_seconds_count").ShouldBeTrue("Npgsql's meter");
        after.Sum("http_server_request_duration_seconds_count", ("http_route", "/api/v1/interviews/{id}/answers"))
            .ShouldBeGreaterThanOrEqualTo(3, "ASP.NET Core's meter, per route template");
    }

    [Fact]
    public async Task a_helper_web_app_disposed_in_the_same_process_leaves_the_hosts_request_metrics_alone()
    {
        await using (var helper = TestWebApps.OnAFreePort().Build())
        {
            helper.MapGet("/", () => "ok");
            await helper.StartAsync();
            using var client = new HttpClient();
            (await client.GetStringAsync(helper.Urls.Single())).ShouldBe("ok");
        }
        await Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(401);
        });

        await Scrape(); // a disposed instrument's stream is exported once more, then dropped
        var metrics = await Scrape();

        metrics.Has("http_server_request_duration_seconds_count").ShouldBeTrue(metrics.Text);
    }
}
