using System.Diagnostics;
using System.Text.Json;
using Alba;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Benchmarks;

/// <summary>
/// Per-command cost early in an interview and at turn 40 of a long one. The interview runs through HTTP; between the two
/// measurements the stream is grown to 40 turns the way an LLM-backed interviewer grows it (per turn: a follow-up, the
/// answer, two audited LLM calls with their response text, an assessment), appended directly so the run stays short.
/// Measured: POST /answers (the command: load the write model, decide, append, commit) and, alone, loading the write
/// model for writing (FetchForWriting) as every interview command does.
/// </summary>
public static class LongInterview
{
    private const string Answer = "First I would clarify the requirements, then put a cache in front of the database and a queue behind the API, " +
                                  "because it cuts latency by 40%; the trade-off is consistency, which I would handle with versioned writes.";

    public static async Task RunAsync(IAlbaHost host, int turns)
    {
        var client = new ApiClient(host);
        var token = await client.SignedUpAsync($"long-{Guid.NewGuid():N}@interview.test");
        var created = await client.PostAsync(token, "/api/v1/interviews", new
        {
            track = "backend", role = "Backend Engineer", level = "senior", type = "technical", difficulty = "medium",
            companyStyle = "general", techStack = new[] { "c#", "postgresql" }, questionCount = 10
        }, 201);
        var id = (await created.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await client.PostAsync(token, $"/api/v1/interviews/{id}/start", null, 202);
        await WaitForCandidateAsync(host, token, id);
        var store = host.Services.GetRequiredService<IDocumentStore>();

        Console.WriteLine($"long-interview: one interview through HTTP, per-command time early and at turn {turns}; load average {ProcCpu.LoadAverage()}");
        var early = await MeasureAsync(host, client, token, id, store, "turns 1-9");
        var padded = await GrowAsync(store, id, turns);
        var late = await MeasureAsync(host, client, token, id, store, $"turns {turns + 1}-{turns + 9}");
        Console.WriteLine($"  grown by {padded} events; ratio late/early: answer POST {late.Answer / early.Answer:0.00}x, write-model load {late.Fetch / early.Fetch:0.00}x (target <= 1.2x); load average {ProcCpu.LoadAverage()}");
    }

    private static async Task<(double Answer, double Fetch)> MeasureAsync(IAlbaHost host, ApiClient client, string token, Guid id, IDocumentStore store, string label)
    {
        var answers = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            var watch = Stopwatch.StartNew();
            await client.PostAsync(token, $"/api/v1/interviews/{id}/answers", new { text = $"{Answer} ({label}, {i})" }, 202);
            answers.Add(watch.Elapsed.TotalMilliseconds);
            await WaitForCandidateAsync(host, token, id);
        }
        var fetches = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            await using var session = store.LightweightSession();
            var watch = Stopwatch.StartNew();
            var stream = await session.Events.FetchForWriting<InterviewSession>(id);
            fetches.Add(watch.Elapsed.TotalMilliseconds);
            if (stream.Aggregate is null) throw new InvalidOperationException("the interview's write model did not load");
        }
        await using (var session = store.QuerySession())
        {
            var state = await session.Events.FetchStreamStateAsync(id);
            var (answer, fetch) = (Median(answers), Median(fetches));
            Console.WriteLine($"  {label,-12} stream of {state!.Version,3} events: answer POST median {answer,6:0.0} ms (of 9), write-model load median {fetch,5:0.00} ms (of 50)");
            return (answer, fetch);
        }
    }

    /// <summary>Appends turns as an LLM-backed interview makes them and leaves the interview awaiting the candidate.</summary>
    private static async Task<int> GrowAsync(IDocumentStore store, Guid id, int turns)
    {
        await using var session = store.LightweightSession();
        var state = (await session.Events.FetchForWriting<InterviewSession>(id)).Aggregate!;
        var question = state.Asked[^1].QuestionId;
        var response = string.Join(' ', Enumerable.Repeat("{\"decision\":\"followUp\",\"text\":\"Could you walk me through the failure modes?\"}", 40));
        var at = DateTimeOffset.UtcNow;
        var events = new List<object>();
        for (var turn = 0; turn < turns; turn++)
        {
            events.Add(new AnswerSubmitted(id, state.AnswerCount + turn + 1, PromptKind.FollowUp, question, $"{Answer} (padding {turn})", null, at));
            events.Add(new LlmCallRecorded(id, "follow-up", "openai", "gpt-4o-mini", "follow-up-v1", 900, 300, 800, LlmOutcome.Ok, 1, false, response, null, at));
            events.Add(new LlmCallRecorded(id, "assessment", "openai", "gpt-4o-mini", "assess-v1", 700, 200, 600, LlmOutcome.Ok, 1, false, response, null, at));
            events.Add(new FollowUpAsked(id, question, 1, "Could you walk me through the failure modes?", ["failure modes"], "benchmark padding", EngineKind.Llm, at));
        }
        session.Events.Append(id, events.ToArray());
        await session.SaveChangesAsync();
        return events.Count;
    }

    private static async Task WaitForCandidateAsync(IAlbaHost host, string token, Guid id)
    {
        for (var i = 0; i < 20; i++)
        {
            var result = await host.Scenario(s =>
            {
                s.WithRequestHeader("Authorization", $"Bearer {token}");
                s.Get.Url($"/api/v1/interviews/{id}?waitForTurn=10");
            });
            if ((await result.ReadAsJsonAsync<JsonElement>()).GetProperty("awaiting").GetString() == "candidate") return;
        }
        throw new TimeoutException("the interviewer's turn did not come");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
