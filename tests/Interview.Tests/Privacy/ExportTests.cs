using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Interview.Api.Privacy;
using Interview.Tests.Hosting;
using Marten;
using Shouldly;

namespace Interview.Tests.Privacy;

public sealed class ExportTests(AppFixture fixture) : ApiTest(fixture)
{
    private static Dictionary<string, string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
    }

    [Fact]
    public async Task the_export_holds_every_event_of_the_callers_streams_and_their_read_models()
    {
        var rich = await Host.RichCandidate("exp");
        var other = await Host.SignedUp();
        await Host.CreatedInterview(other);

        var result = await Host.As(rich.Caller, s => { s.Get.Url("/api/v1/me/export"); s.StatusCodeShouldBe(200); });
        result.Context.Response.ContentType.ShouldBe("application/zip");
        var files = Entries(await ReadAll(result));

        var exported = files.Where(f => f.Key.EndsWith("events.jsonl")).SelectMany(f => f.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(line => JsonNode.Parse(line)!.AsObject()).ToDictionary(e => (long)e["sequence"]!);

        await using var session = Fixture.Store.QuerySession();
        var streams = new List<Guid> { rich.Caller.Id };
        streams.AddRange(await UserStreams.EmailClaimsAsync(session, rich.Caller.Id, default));
        streams.AddRange(await UserStreams.InterviewsAsync(session, rich.Caller.Id, default));
        streams.AddRange(await UserStreams.PrepPacksAsync(session, rich.Caller.Id, default));
        streams.AddRange(await UserStreams.PrepCacheSlotsAsync(session, rich.Caller.Id, default));
        streams.AddRange(await UserStreams.WebhooksAsync(session, rich.Caller.Id, default));
        streams.ShouldContain(rich.InterviewId);
        streams.ShouldContain(rich.PackId);
        var stored = await UserStreams.EventsAsync(session, streams, default);
        stored.Count.ShouldBeGreaterThan(20);

        exported.Keys.Order().ShouldBe(stored.Select(e => e.Sequence).Order());
        foreach (var e in stored)
        {
            var line = exported[e.Sequence];
            line["type"]!.GetValue<string>().ShouldBe(e.EventTypeName);
            line["stream"]!.GetValue<Guid>().ShouldBe(e.StreamId);
            line["version"]!.GetValue<long>().ShouldBe(e.Version);
            line["timestamp"]!.GetValue<DateTimeOffset>().ShouldBe(e.Timestamp);
            var expected = InterviewData.WithoutPrivateNotes(e) is var data && ReferenceEquals(data, e.Data) ? AccountData.WithoutSecrets(e) : data;
            JsonNode.DeepEquals(line["data"], JsonSerializer.SerializeToNode(expected, expected.GetType(), Archive.Json))
                .ShouldBeTrue($"event {e.Sequence} ({e.EventTypeName}) differs");
        }

        var all = string.Join("\n", files.Values);
        foreach (var text in rich.Strings.Where(s => !s.StartsWith("Private")))
            all.ShouldContain(JsonSerializer.Serialize(text)[1..^1], Case.Insensitive, $"'{text}' is missing from the export");
        all.ShouldNotContain(rich.Strings.Single(s => s.StartsWith("Private")));
        all.ShouldNotContain("AQAAAA", Case.Sensitive, "a password hash was exported");
        all.ShouldNotContain(other.Id.ToString());
        files.Keys.ShouldContain("account/account.json");
        files.Keys.ShouldContain($"interviews/{rich.InterviewId}/reports.json");
        files.Keys.ShouldContain($"prep/{rich.PackId}.json");
        files.Keys.ShouldContain("idempotency-records.json");
        files["webhooks/webhooks.json"].ShouldContain("exp-webhook-quillfeather");
        files["account/account.json"].ShouldContain(rich.Caller.Email);
        stored.ShouldContain(e => e.Data is Interview.Domain.Accounts.PersonalDataExported, "the export is recorded, and the archive holds that record too");
    }

    [Fact]
    public async Task the_export_needs_a_token()
    {
        await Host.Scenario(s => { s.Get.Url("/api/v1/me/export"); s.StatusCodeShouldBe(401); });
    }

    [Fact]
    public async Task the_openapi_document_says_the_export_is_a_zip()
    {
        var document = await (await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"))).ReadAsJsonAsync<JsonElement>();
        var export = document.GetProperty("paths").GetProperty("/api/v1/me/export").GetProperty("get");
        export.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name).ShouldBe(["application/zip"]);
        document.GetProperty("paths").GetProperty("/api/v1/me").GetProperty("delete").GetProperty("requestBody").ValueKind.ShouldBe(JsonValueKind.Object);
    }

    private static async Task<byte[]> ReadAll(IScenarioResult result)
    {
        var buffer = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
