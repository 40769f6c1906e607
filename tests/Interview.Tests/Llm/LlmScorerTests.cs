using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Interview.Tests.Hosting;
using Marten;
using Shouldly;

namespace Interview.Tests.Llm;

public sealed class LlmScorerTests(LlmAppFixture fixture) : LlmTest(fixture)
{
    private const string Answer = "First I would clarify the requirements, then I would use a queue and a cache because the trade-off favours latency; in my last job this cut p95 by 40%.";

    // The answer names what it answers, so that it differs from question to question: the same text pasted under every
    // question is gated as a repeat before any LLM call.
    private static Func<Interview.Projections.Sessions.Turn, string> EachQuestionAnsweredDifferently() =>
        turn => $"{Answer} That is how I handled \"{turn.Text}\"";

    private static object Behavioral => Scenarios.DefaultInterview(type: "behavioral", questionCount: 3);

    private async Task<InterviewReport> ReportOf(Caller candidate, Guid id) =>
        (await (await Host.ReportWhen(candidate, id)).ReadAsJsonAsync<InterviewReport>())!;

    [Fact]
    public async Task the_llm_scores_with_the_same_rubric_at_temperature_zero_and_the_overall_is_computed_in_code()
    {
        var candidate = await Host.SignedUp();
        Llm.Default = request => request.System.Contains("assessor") ? FakeLlmServer.ScoreReply(request, score: 1) : FakeLlmServer.DefaultReply(request);
        var id = await Host.FinalizedInterview(candidate, EachQuestionAnsweredDifferently(), request: Behavioral);

        var report = await ReportOf(candidate, id);

        report.ScoredBy.ShouldBe(new ScoredBy(EngineKind.Llm, "fake-model", "scorer-v1", "rubric-v1"));
        report.Answers.ShouldAllBe(a => a.Criteria.Count == 4 && a.Criteria.All(c => c.Score == 1 && c.Evidence.StartsWith("First I would clarify")));
        report.OverallScore.ShouldBe(0);
        var scoring = Llm.Requests.Where(r => r.System.Contains("assessor")).ToArray();
        scoring.Length.ShouldBe(3);
        scoring.ShouldAllBe(r => r.Body["temperature"]!.GetValue<float>() == 0f);
        await using var session = Fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<LlmCallRecorded>().Count(c => c.Purpose == "score_answer").ShouldBe(3);
    }

    [Fact]
    public async Task an_invented_quote_is_rejected_and_that_answer_is_scored_offline_and_the_report_says_so()
    {
        var candidate = await Host.SignedUp();
        Llm.Default = request => request.System.Contains("assessor")
            ? FakeLlmServer.ScoreReply(request, score: 5, evidence: "I single-handedly rebuilt the whole platform")
            : FakeLlmServer.DefaultReply(request);
        var id = await Host.FinalizedInterview(candidate, EachQuestionAnsweredDifferently(), request: Behavioral);

        var report = await ReportOf(candidate, id);

        report.ScoredBy.Kind.ShouldBe(EngineKind.Offline);
        report.ScoredBy.Note!.ShouldContain("offline scorer");
        report.Answers.SelectMany(a => a.Criteria).ShouldNotContain(c => c.Evidence.Contains("single-handedly"));
        await using var session = Fixture.Store.QuerySession();
        var invalid = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<LlmCallRecorded>().Where(c => c.Purpose == "score_answer").ToArray();
        invalid.ShouldAllBe(c => c.Outcome == LlmOutcome.Invalid);
        invalid[0].Error!.ShouldContain("must quote the answer");
    }
}

public sealed class LlmEvaluationTests(LlmAppFixture fixture) : LlmTest(fixture)
{
    [Fact]
    public async Task a_practice_answer_scored_by_the_llm_is_audited_on_the_candidates_stream()
    {
        var candidate = await Host.SignedUp();
        var result = await (await Host.As(candidate, s =>
        {
            s.Post.Json(new { questionId = "swe_engineer.general.medium.03", answer = "A hash map plus a doubly linked list gives O(1) get and put; evict the tail at capacity." })
                .ToUrl("/api/v1/evaluations");
            s.StatusCodeShouldBe(200);
        })).ReadAsJsonAsync<System.Text.Json.JsonElement>();

        result.GetProperty("scoredBy").GetProperty("kind").GetString().ShouldBe("llm");
        await using var session = Fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(candidate.Id)).Select(e => e.Data).OfType<LlmCallRecorded>().Single().Purpose.ShouldBe("score_answer");
    }
}

public sealed class LlmTimelineTests(LlmAppFixture fixture) : LlmTest(fixture)
{
    [Fact]
    public async Task a_coach_timeline_shows_the_llm_calls_with_what_the_model_said()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var candidate = await Host.SignedUp();
        var coachAccount = await Host.SignedUp();
        await Host.As(admin, s => { s.Post.Json(new { role = "coach" }).ToUrl($"/api/v1/admin/users/{coachAccount.Id}/roles"); s.StatusCodeShouldBe(204); });
        var coach = await Host.LoggedIn(coachAccount.Email);
        var (id, _) = await Host.StartedInterview(candidate, Scenarios.DefaultInterview(type: "behavioral"));
        await Host.As(candidate, s => { s.Post.Json(new { coachEmail = coach.Email }).ToUrl($"/api/v1/interviews/{id}/share"); s.StatusCodeShouldBe(202); });

        var timeline = await (await Host.As(coach, s => s.Get.Url($"/api/v1/coach/interviews/{id}/timeline"))).ReadAsJsonAsync<System.Text.Json.JsonElement>();

        var call = timeline.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "llm_call_recorded");
        call.GetProperty("summary").GetString()!.ShouldContain("LLM call greeting (openai fake-model, interviewer-v1): ok");
        call.GetProperty("data").GetProperty("responseText").GetString()!.ShouldContain("Hello from the model");
    }
}
