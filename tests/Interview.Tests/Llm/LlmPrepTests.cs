using System.Text.Json;
using Interview.Domain.Sessions;
using Interview.Tests.Hosting;
using Marten;
using Shouldly;

namespace Interview.Tests.Llm;

public sealed class LlmPrepTests(LlmAppFixture fixture) : LlmTest(fixture)
{
    private static object ValidPack => new
    {
        questions = Enumerable.Range(0, 10).Select(i => new
        {
            question = $"Model question {i} about Python services at Stripe?",
            type = i < 4 ? "technical" : i < 7 ? "behavioral" : "company",
            answerFramework = "Clarify, explain, example, trade-offs.",
            tips = new[] { "Be concrete.", "Quantify." },
            keyPoints = new[] { "idempotency", "retries", "ledger" }
        }).ToArray(),
        companyCulture = "Stripe writes a lot.\n\nStripe is rigorous.",
        interviewProcess = new { rounds = 4, stages = new[] { "Screen", "Coding", "Design", "Values" }, duration = "4 weeks" },
        interviewTips = new[] { "One", "Two", "Three", "Four", "Five" },
        commonTopics = new[] { "APIs", "payments", "reliability", "writing", "debugging" }
    };

    [Fact]
    public async Task with_an_llm_the_pack_is_written_by_the_model_and_the_call_is_audited()
    {
        Llm.Default = request => request.System.Contains("preparation pack") ? FakeReply.Json(ValidPack) : FakeLlmServer.DefaultReply(request);
        var candidate = await Host.SignedUp();

        var pack = await (await Host.As(candidate, s => { s.Post.Json(new { company = "Stripe" }).ToUrl("/api/v1/prep"); s.StatusCodeShouldBe(201); }))
            .ReadAsJsonAsync<JsonElement>();

        pack.GetProperty("generatedBy").GetProperty("kind").GetString().ShouldBe("llm");
        pack.GetProperty("questions")[0].GetProperty("question").GetString()!.ShouldStartWith("Model question 0");
        await using var session = Fixture.Store.QuerySession();
        var call = (await session.Events.FetchStreamAsync(pack.GetProperty("id").GetGuid())).Select(e => e.Data).OfType<LlmCallRecorded>().Single();
        call.Purpose.ShouldBe("prep_pack");
        call.PromptVersion.ShouldBe("prep-pack-v1");
    }

    [Fact]
    public async Task an_invalid_pack_from_the_model_falls_back_to_the_offline_pack_and_says_so()
    {
        Llm.Default = request => request.System.Contains("preparation pack")
            ? FakeReply.Json(new { questions = new[] { new { question = "Only one?" } } })
            : FakeLlmServer.DefaultReply(request);
        var candidate = await Host.SignedUp();

        var pack = await (await Host.As(candidate, s => { s.Post.Json(new { company = "Stripe" }).ToUrl("/api/v1/prep"); s.StatusCodeShouldBe(201); }))
            .ReadAsJsonAsync<JsonElement>();

        pack.GetProperty("generatedBy").GetProperty("kind").GetString().ShouldBe("offline");
        pack.GetProperty("generatedBy").GetProperty("note").GetString()!.ShouldContain("could not write the pack");
        pack.GetProperty("questions").GetArrayLength().ShouldBe(10);
        await using var session = Fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(pack.GetProperty("id").GetGuid())).Select(e => e.Data).OfType<LlmCallRecorded>()
            .Select(c => c.Outcome).ShouldBe([LlmOutcome.Invalid, LlmOutcome.Invalid]);
    }
}
