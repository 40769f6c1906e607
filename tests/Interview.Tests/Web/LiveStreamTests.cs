using Interview.Api.Hosting;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Tests.Hosting;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Web;

public sealed record Sse(long Id, string Event, JsonElement Data);

/// <summary>The live stream through real HTTP on the Kestrel port, as a browser's fetch reads it.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", WebCollection.Category)]
public sealed class LiveStreamTests(WebAppFixture web, ITestOutputHelper output)
{
    private static readonly object Interview = new
    {
        track = "backend", role = "Backend Engineer", level = "mid", type = "mixed", difficulty = "medium", companyStyle = "general",
        techStack = new[] { "c#" }, questionCount = 3
    };

    [Fact]
    public async Task turns_arrive_live_and_last_event_id_resumes_with_no_gap_and_no_duplicate()
    {
        var (_, token) = await web.UserAsync($"live{Guid.NewGuid():N}@interview.test");
        var id = (await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", token, Interview)).GetProperty("id").GetGuid();

        await using (var first = await SseReader.OpenAsync(web, id, token, lastEventId: null))
        {
            await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/start", token);
            var events = await first.ReadUntilAsync(e => e.Event == "turn" && e.Data.GetProperty("awaiting").GetString() == "candidate");
            events.ShouldContain(e => e.Event == "status" && e.Data.GetProperty("status").GetString() == "inProgress");
            events.Select(e => e.Id).ShouldBeInOrder(SortDirection.Ascending);
            events.Select(e => e.Id).Distinct().Count().ShouldBe(events.Count);

            await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/answers", token,
                new { text = "I build event-sourced services in C# on PostgreSQL and care about idempotent handlers and observability." });
            var afterAnswer = await first.ReadUntilAsync(e => e.Event == "turn" && e.Data.GetProperty("awaiting").GetString() == "candidate");
            afterAnswer.ShouldContain(e => e.Event == "turn" && e.Data.GetProperty("turn").GetProperty("speaker").GetString() == "candidate");
            var seen = events.Concat(afterAnswer).ToList();

            // Resume from the middle: exactly the events after that id, none before, none twice.
            var middle = seen[seen.Count / 2].Id;
            await using var resumed = await SseReader.OpenAsync(web, id, token, lastEventId: middle);
            var replayed = await resumed.ReadUntilAsync(e => e.Id == seen[^1].Id);
            replayed.Select(e => e.Id).ShouldBe(seen.Where(e => e.Id > middle).Select(e => e.Id));
            replayed.Select(e => e.Data.GetRawText()).ShouldBe(seen.Where(e => e.Id > middle).Select(e => e.Data.GetRawText()));

            // And the resumed connection stays live for what happens next.
            await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/pause", token);
            var paused = await resumed.ReadUntilAsync(e => e.Event == "status" && e.Data.GetProperty("status").GetString() == "paused");
            paused.Single().Id.ShouldBeGreaterThan(seen[^1].Id);
        }
    }

    [Fact]
    public async Task another_user_gets_404_and_a_bad_last_event_id_is_a_400()
    {
        var (_, owner) = await web.UserAsync($"owner{Guid.NewGuid():N}@interview.test");
        var (_, stranger) = await web.UserAsync($"stranger{Guid.NewGuid():N}@interview.test");
        var id = (await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", owner, Interview)).GetProperty("id").GetGuid();

        using var forbidden = await web.Http.SendAsync(web.Request(HttpMethod.Get, $"/api/v1/interviews/{id}/stream", stranger));
        forbidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        forbidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var unknown = await web.Http.SendAsync(web.Request(HttpMethod.Get, $"/api/v1/interviews/{Guid.NewGuid()}/stream", owner));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var bad = web.Request(HttpMethod.Get, $"/api/v1/interviews/{id}/stream", owner);
        bad.Headers.TryAddWithoutValidation("Last-Event-ID", "yesterday");
        using var badResponse = await web.Http.SendAsync(bad);
        badResponse.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badResponse.Content.ReadAsStringAsync()).ShouldContain("Last-Event-ID");
    }

    [Fact]
    public async Task a_coach_the_interview_is_shared_with_receives_it_live()
    {
        var (_, candidate) = await web.UserAsync($"cand{Guid.NewGuid():N}@interview.test");
        var coachEmail = $"coach{Guid.NewGuid():N}@interview.test";
        var (coachId, _) = await web.UserAsync(coachEmail);
        var (_, admin) = await AdminAsync();
        await web.SendAsync(HttpMethod.Post, $"/api/v1/admin/users/{coachId}/roles", admin, new { role = "coach" });
        var (_, coach) = await web.LoginAsync(coachEmail);
        var id = (await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", candidate, Interview)).GetProperty("id").GetGuid();
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/share", candidate, new { coachEmail });

        await using var stream = await SseReader.OpenAsync(web, id, coach, lastEventId: null);
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/start", candidate);
        var events = await stream.ReadUntilAsync(e => e.Event == "turn" && e.Data.GetProperty("awaiting").GetString() == "candidate");
        events.Count(e => e.Event == "turn").ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task a_status_change_reaches_the_stream_soon_after_the_command_is_sent()
    {
        var (_, token) = await web.UserAsync($"latency{Guid.NewGuid():N}@interview.test");
        var id = (await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", token, Interview)).GetProperty("id").GetGuid();
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/start", token);
        await using var stream = await SseReader.OpenAsync(web, id, token, lastEventId: null);
        await stream.ReadUntilAsync(e => e.Event == "turn" && e.Data.GetProperty("awaiting").GetString() == "candidate");

        var latencies = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var (command, status) = i % 2 == 0 ? ("pause", "paused") : ("resume", "inProgress");
            var sent = System.Diagnostics.Stopwatch.StartNew();
            await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/{command}", token);
            await stream.ReadUntilAsync(e => e.Event == "status" && e.Data.GetProperty("status").GetString() == status);
            latencies.Add(sent.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        var (p50, p95) = (latencies[latencies.Count / 2], latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1]);
        output.WriteLine($"command sent -> event received over SSE: p50 {p50:F1} ms, p95 {p95:F1} ms (n={latencies.Count})");
        p95.ShouldBeLessThan(1000);
    }

    [Fact]
    public async Task changes_committed_by_another_process_reach_the_stream_and_a_waiting_request()
    {
        var (_, token) = await web.UserAsync($"elsewhere{Guid.NewGuid():N}@interview.test");
        var id = (await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", token, Interview)).GetProperty("id").GetGuid();
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/start", token);
        await using var stream = await SseReader.OpenAsync(web, id, token, lastEventId: null);
        var seen = await stream.ReadUntilAsync(e => e.Event == "turn" && e.Data.GetProperty("awaiting").GetString() == "candidate");

        // Another API process on the same database: a store of its own (own connections, no shared memory) opened
        // with the options every API process uses; this host hears its commits only through PostgreSQL.
        var options = InterviewStore.Options(DataDirectory.ConnectionString(web.Services.GetRequiredService<IConfiguration>()));
        options.AutoCreateSchemaObjects = AutoCreate.None;
        await using var otherProcess = new DocumentStore(options);

        await AppendAsync(otherProcess, id, state => InterviewDecider.SubmitAnswer(state, "Answered through the other process.", null, DateTimeOffset.UtcNow));
        seen.AddRange(await stream.ReadUntilAsync(e => e.Event == "turn" && e.Data.GetProperty("turn").GetProperty("text").GetString() == "Answered through the other process."));

        using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var waitingView = web.Http.SendAsync(web.Request(HttpMethod.Get, $"/api/v1/interviews/{id}?waitForTurn=20", token), waiting.Token);
        // Once, not a polling loop: let the request read the view and park on the notification.
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        waitingView.IsCompleted.ShouldBeFalse("the interviewer still owes its turn");

        var committing = Stopwatch.StartNew();
        await AppendAsync(otherProcess, id, state => InterviewDecider.ApplyTurn(state,
            new InterviewerTurn(id, state.TurnRequest, null, null,
                [new InterviewerLine(LineKind.Closing, "Closed by the other process.", "cross-process test")], EngineKind.Offline),
            DateTimeOffset.UtcNow));
        var closing = await stream.ReadUntilAsync(e => e.Event == "turn" && e.Data.GetProperty("turn").GetProperty("kind").GetString() == "closing");
        var streamed = committing.Elapsed;
        using var answered = await waitingView;
        var waited = committing.Elapsed;
        seen.AddRange(closing);

        output.WriteLine($"other process's commit -> SSE event {streamed.TotalMilliseconds:F1} ms, -> waiting GET answered {waited.TotalMilliseconds:F1} ms");
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("awaiting").GetString().ShouldBe("nothing");
        seen.Select(e => e.Id).ShouldBeInOrder(SortDirection.Ascending);
        seen.Select(e => e.Id).Distinct().Count().ShouldBe(seen.Count);
        streamed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    private static async Task AppendAsync(IDocumentStore store, Guid id, Func<InterviewSession, Decision> decide)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<InterviewSession>(id);
        var decision = decide(stream.Aggregate!);
        decision.Rejection.ShouldBeNull();
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync();
    }

    private async Task<(Guid, string)> AdminAsync()
    {
        try { return await web.LoginAsync(WebAppFixture.AdminEmail); }
        catch (HttpRequestException) { return await web.UserAsync(WebAppFixture.AdminEmail); }
    }
}

/// <summary>Reads text/event-stream from a real socket, with a deadline on every wait.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private SseReader(HttpResponseMessage response, StreamReader reader) { this.response = response; this.reader = reader; }

    public static async Task<SseReader> OpenAsync(WebAppFixture web, Guid id, string token, long? lastEventId)
    {
        var request = web.Request(HttpMethod.Get, $"/api/v1/interviews/{id}/stream", token);
        if (lastEventId is { } last) request.Headers.TryAddWithoutValidation("Last-Event-ID", last.ToString());
        var response = await web.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        return new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public async Task<List<Sse>> ReadUntilAsync(Func<Sse, bool> last, int timeoutSeconds = 20)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var events = new List<Sse>();
        long? id = null;
        string? name = null, data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("the stream ended");
            if (line.Length == 0)
            {
                if (id is not null && data is not null)
                {
                    var e = new Sse(id.Value, name ?? "message", JsonDocument.Parse(data).RootElement.Clone());
                    events.Add(e);
                    if (last(e)) return events;
                }
                (id, name, data) = (null, null, null);
                continue;
            }
            if (line.StartsWith("id: ")) id = long.Parse(line[4..]);
            else if (line.StartsWith("event: ")) name = line[7..];
            else if (line.StartsWith("data: ")) data = line[6..];
        }
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
