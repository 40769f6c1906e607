using System.Text.Json;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Operations;

/// <summary>The live stream as the OpenAPI document describes it.</summary>
public sealed class LiveStreamDocumentTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task the_stream_is_documented_as_server_sent_events_with_last_event_id_and_a_404_for_others()
    {
        var json = (await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"))).ReadAsText();
        var operation = JsonDocument.Parse(json).RootElement.GetProperty("paths").GetProperty("/api/v1/interviews/{id}/stream").GetProperty("get");

        var responses = operation.GetProperty("responses");
        var ok = responses.GetProperty("200").GetProperty("content");
        ok.EnumerateObject().Select(c => c.Name).ShouldBe(["text/event-stream"]);
        ok.GetProperty("text/event-stream").GetProperty("schema").GetProperty("type").GetString().ShouldBe("string");
        foreach (var status in new[] { "400", "401", "404" })
            responses.GetProperty(status).GetProperty("content").EnumerateObject().Select(c => c.Name).ShouldBe(["application/problem+json"]);

        var parameters = operation.GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => (p.GetProperty("in").GetString(), p.GetProperty("name").GetString()));
        parameters.Keys.ShouldBe([("path", "id"), ("header", "Last-Event-ID"), ("query", "lastEventId")], ignoreOrder: true);
        operation.GetProperty("description").GetString().ShouldNotBeNull().ShouldContain("Last-Event-ID");
    }
}
