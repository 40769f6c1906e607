using System.Text.Json;
using Alba;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class HealthTests(AppFixture fixture) : ApiTest(fixture)
{
    public static async Task<JsonElement> Ready(IAlbaHost host)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/json");
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    public static JsonElement Check(JsonElement report, string name) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [Fact]
    public async Task readiness_lists_every_check_with_its_status_and_description()
    {
        var report = await Ready(Host);

        report.GetProperty("status").GetString().ShouldBe("Healthy");
        report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .ShouldBe(["database", "event_store", "async_daemon", "hangfire", "llm", "warm_up"]);
        foreach (var check in report.GetProperty("checks").EnumerateArray())
        {
            check.GetProperty("status").GetString().ShouldBe("Healthy", check.ToString());
            check.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace();
            check.GetProperty("durationMs").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        }
        var daemon = Check(report, "async_daemon").GetProperty("data");
        // Right after a reset the HotCold daemon may still be taking its lock again, so only the shape is fixed here.
        var runningHere = daemon.GetProperty("runningOnThisNode").GetBoolean();
        Check(report, "async_daemon").GetProperty("description").GetString()!.ShouldStartWith(runningHere ? "running on this node" : "not running on this node");
        daemon.GetProperty("lagEvents").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        daemon.GetProperty("highWaterMark").GetInt64().ShouldBeGreaterThanOrEqualTo(daemon.GetProperty("lagEvents").GetInt64());
        daemon.GetProperty("shards").EnumerateObject().Select(p => p.Name).ShouldContain("CandidateStatistics:All");
        Check(report, "hangfire").GetProperty("data").GetProperty("liveServers").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        Check(report, "llm").GetProperty("data").GetProperty("mode").GetString().ShouldBe("offline");
        Check(report, "llm").GetProperty("description").GetString()!.ShouldContain("offline");
        Check(report, "warm_up").GetProperty("description").GetString()!.ShouldStartWith("warmed up in");
    }

    [Fact]
    public async Task liveness_stays_trivial()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.StatusCodeShouldBe(200);
        });

        (await result.ReadAsTextAsync()).ShouldBe("Healthy");
    }
}

public sealed class LlmHealthTests(LlmAppFixture fixture) : LlmTest(fixture)
{
    [Fact]
    public async Task an_open_llm_circuit_degrades_readiness_without_failing_it()
    {
        HealthTests.Check(await HealthTests.Ready(Host), "llm").GetProperty("status").GetString().ShouldBe("Healthy");
        await Fixture.Client.Breaker.IsolateAsync();

        var report = await HealthTests.Ready(Host);

        report.GetProperty("status").GetString().ShouldBe("Degraded");
        var llm = HealthTests.Check(report, "llm");
        llm.GetProperty("status").GetString().ShouldBe("Degraded");
        llm.GetProperty("data").GetProperty("circuit").GetString().ShouldBe("open");
        llm.GetProperty("description").GetString()!.ShouldContain("offline engine answers");
    }
}
