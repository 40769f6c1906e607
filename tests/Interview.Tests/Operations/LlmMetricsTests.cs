using Alba;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class LlmMetricsTests(LlmAppFixture fixture) : LlmTest(fixture)
{
    [Fact]
    public async Task an_llm_call_is_counted_by_purpose_and_outcome_with_its_latency_and_tokens()
    {
        Llm.Script(FakeReply.Json(new { greeting = "Welcome to the interview.", warmUp = "What are you building lately?" }));
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var before = await Scrape(admin);

        await Host.StartedInterview(await Host.SignedUp(), Scenarios.DefaultInterview(type: "behavioral"));

        var after = await Scrape(admin);
        (After("interview_llm_calls_total", ("purpose", "greeting"), ("outcome", "ok"), ("fallback", "false"))).ShouldBe(1);
        After("interview_llm_tokens_total", ("purpose", "greeting"), ("direction", "input")).ShouldBe(120);
        After("interview_llm_tokens_total", ("purpose", "greeting"), ("direction", "output")).ShouldBe(40);
        After("interview_llm_duration_seconds_count", ("purpose", "greeting"), ("outcome", "ok")).ShouldBe(1);
        After("interview_llm_duration_seconds_sum", ("purpose", "greeting"), ("outcome", "ok")).ShouldBeInRange(0, 1);

        double After(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
    }

    private async Task<PrometheusText> Scrape(Caller admin)
    {
        var result = await Host.As(admin, s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(200);
        });
        return new PrometheusText(await result.ReadAsTextAsync());
    }
}
