using System.Text.Json;
using Interview.Domain.Common;
using Interview.Domain.Questions;
using Interview.Domain.Reports;
using Interview.Tests.Hosting;
using Interview.Workers.Reports;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Reports;

public sealed class ReportTests(AppFixture fixture) : ApiTest(fixture)
{
    private QuestionBank Bank => Host.Services.GetRequiredService<QuestionBank>();

    private string GoodAnswer(Projections.Sessions.Turn turn)
    {
        var q = Bank.Find(turn.QuestionId);
        if (q is null) return "When I was at my previous company our team had a deadline; I decided to fix it and I built a tool. The result: we cut errors by 40% in 2 weeks. I learned to ask early.";
        return $"First, {string.Join(". Then ", q.ExpectedKeyPoints)}. For example in my last project I did this because it cut latency by 40% for 2 million users; " +
               "the trade-off is extra complexity, however it paid off. When I was at my previous company I decided and I built it; I learned to measure first.";
    }

    private async Task<int> ReportEvents(Guid id)
    {
        await using var session = Fixture.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Count(e => e.Data is ReportGenerated);
    }

    [Fact]
    public async Task finalizing_queues_a_report_that_a_hangfire_job_generates_with_evidence_for_every_criterion()
    {
        var candidate = await Host.SignedUp();
        var id = await Host.FinalizedInterview(candidate, GoodAnswer);

        var report = await (await Host.ReportWhen(candidate, id)).ReadAsJsonAsync<InterviewReport>();

        report!.Version.ShouldBe(1);
        report.OverallScore.ShouldBeInRange(1, 100);
        report.Answers.Count.ShouldBe(3);
        report.Answers.ShouldAllBe(a => a.NotScoredReason == null && a.Criteria.Count == 4);
        report.Answers.SelectMany(a => a.Criteria).ShouldAllBe(c => c.Score >= 1 && c.Score <= 5 && c.Evidence.Length > 0 && c.Level.Length > 0);
        report.OverallScore.ShouldBe((int)Math.Round(report.Answers.Average(a => a.Score)));
        report.Breakdown.TechnicalDepth.ShouldNotBeNull();
        report.ScoredBy.ShouldBe(new ScoredBy(EngineKind.Offline, null, "offline-scorer-v1", "rubric-v1"));
        report.Strengths.ShouldNotBeEmpty();
        report.EndedEarly.ShouldBeFalse();
        (await Host.Interview(candidate, id, 0)).Status.ShouldBe(Domain.Sessions.InterviewStatus.Reported);
    }

    [Fact]
    public async Task the_report_is_202_with_its_status_until_it_is_ready()
    {
        var candidate = await Host.SignedUp();
        Fixture.Scorer.FailNext = 1;
        var id = await Host.FinalizedInterview(candidate, GoodAnswer);

        var pending = await (await Host.As(candidate, s => { s.Get.Url($"/api/v1/interviews/{id}/report"); s.StatusCodeShouldBe(202); }))
            .ReadAsJsonAsync<JsonElement>();

        pending.GetProperty("status").GetString().ShouldBeOneOf("queued", "generating");
        await Host.ReportWhen(candidate, id);
    }

    [Fact]
    public async Task a_report_job_that_runs_twice_appends_one_report()
    {
        var candidate = await Host.SignedUp();
        var id = await Host.FinalizedInterview(candidate, GoodAnswer);
        await Host.ReportWhen(candidate, id);
        var job = Host.Services.GetRequiredService<ReportJob>();

        await job.Generate(id, 1, null, CancellationToken.None);
        await Task.WhenAll(job.Generate(id, 1, null, CancellationToken.None), job.Generate(id, 1, null, CancellationToken.None));

        (await ReportEvents(id)).ShouldBe(1);
    }

    [Fact]
    public async Task concurrent_runs_of_a_pending_report_append_exactly_one()
    {
        var candidate = await Host.SignedUp();
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var id = await Host.FinalizedInterview(candidate, GoodAnswer);
        await Host.ReportWhen(candidate, id);
        await Host.Posted(admin, $"/api/v1/coach/interviews/{id}/rescore", 202);
        var job = Host.Services.GetRequiredService<ReportJob>();

        var runs = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            try { await job.Generate(id, 2, null, CancellationToken.None); } catch (JasperFx.ConcurrencyException) { }
        }));
        await Task.WhenAll(runs);
        await Host.ReportWhen(candidate, id);

        (await ReportEvents(id)).ShouldBe(2);
    }

    [Fact]
    public async Task when_every_retry_fails_the_failure_is_visible_and_retry_starts_again()
    {
        var candidate = await Host.SignedUp();
        Fixture.Scorer.FailNext = 3;
        var id = await Host.FinalizedInterview(candidate, GoodAnswer);

        var failed = await (await Host.ReportWhen(candidate, id, 202, until: "failed", seconds: 30)).ReadAsJsonAsync<JsonElement>();
        failed.GetProperty("attempts").GetInt32().ShouldBe(3);
        failed.GetProperty("lastError").GetString()!.ShouldContain("scorer unavailable");

        await Host.Posted(candidate, $"/api/v1/interviews/{id}/report/retry", 202);
        var report = await (await Host.ReportWhen(candidate, id)).ReadAsJsonAsync<InterviewReport>();
        report!.Version.ShouldBe(1);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/report/retry", 409);
    }

    [Fact]
    public async Task a_coach_rescore_adds_a_version_and_the_old_one_stays_readable()
    {
        var candidate = await Host.SignedUp();
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var id = await Host.FinalizedInterview(candidate, GoodAnswer);
        await Host.ReportWhen(candidate, id);

        await Host.Posted(candidate, $"/api/v1/coach/interviews/{id}/rescore", 403);
        await Host.Posted(admin, $"/api/v1/coach/interviews/{id}/rescore", 202);
        var latest = await (await Host.ReportWhen(candidate, id, until: null)).ReadAsJsonAsync<InterviewReport>();
        for (var i = 0; latest!.Version < 2 && i < 100; i++)
        {
            await Task.Delay(100);
            latest = await (await Host.ReportWhen(candidate, id)).ReadAsJsonAsync<InterviewReport>();
        }

        latest.Version.ShouldBe(2);
        var first = await (await Host.As(candidate, s => s.Get.Url($"/api/v1/interviews/{id}/report?version=1"))).ReadAsJsonAsync<InterviewReport>();
        first!.Version.ShouldBe(1);
        first.OverallScore.ShouldBe(latest.OverallScore);
        await Host.As(candidate, s => { s.Get.Url($"/api/v1/interviews/{id}/report?version=9"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task an_interview_ended_early_is_scored_on_what_was_answered_and_says_so()
    {
        var candidate = await Host.SignedUp();
        var id = await Host.FinalizedInterview(candidate, GoodAnswer, answerCount: 1, request: Scenarios.DefaultInterview(questionCount: 5));

        var report = await (await Host.ReportWhen(candidate, id)).ReadAsJsonAsync<InterviewReport>();

        report!.EndedEarly.ShouldBeTrue();
        report.QuestionsAnswered.ShouldBe(1);
        report.QuestionsPlanned.ShouldBe(5);
        report.Note!.ShouldContain("ended early");
        report.Recommendations.ShouldContain(r => r.Contains("Finish the interview"));
    }

    [Fact]
    public async Task unscorable_answers_get_a_reason_a_zero_and_no_invented_strengths()
    {
        var candidate = await Host.SignedUp();
        var id = await Host.FinalizedInterview(candidate, turn => "asdfgh qwrtzp xcvbnm lkjhgf");

        var report = await (await Host.ReportWhen(candidate, id)).ReadAsJsonAsync<InterviewReport>();

        report!.OverallScore.ShouldBe(0);
        report.Answers.ShouldAllBe(a => a.Score == 0 && a.NotScoredReason!.StartsWith("gibberish") && a.Criteria.Count == 0);
        report.Strengths.ShouldBeEmpty();
    }

    [Fact]
    public async Task another_candidate_cannot_read_the_report()
    {
        var candidate = await Host.SignedUp();
        var stranger = await Host.SignedUp();
        var id = await Host.FinalizedInterview(candidate, GoodAnswer);
        await Host.ReportWhen(candidate, id);

        await Host.As(stranger, s => { s.Get.Url($"/api/v1/interviews/{id}/report"); s.StatusCodeShouldBe(404); });
        await Host.Posted(stranger, $"/api/v1/interviews/{id}/report/retry", 404);
    }

    [Fact]
    public async Task the_hangfire_dashboard_is_for_admins_only()
    {
        var candidate = await Host.SignedUp();
        var admin = await Host.SignedUp(AppFixture.AdminEmail);

        await Host.Scenario(s => { s.Get.Url("/hangfire"); s.StatusCodeShouldBe(401); });
        await Host.As(candidate, s => { s.Get.Url("/hangfire"); s.StatusCodeShouldBe(403); });
        await Host.As(admin, s => { s.Get.Url("/hangfire"); s.StatusCodeShouldBe(200); });
    }
}

public sealed class EvaluationTests(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<JsonElement> Evaluate(Caller caller, object request) =>
        await (await Host.As(caller, s => { s.Post.Json(request).ToUrl("/api/v1/evaluations"); s.StatusCodeShouldBe(200); })).ReadAsJsonAsync<JsonElement>();

    [Fact]
    public async Task a_practice_answer_is_scored_with_the_same_rubric_and_a_better_answer_scores_higher()
    {
        var candidate = await Host.SignedUp();
        const string question = "swe_engineer.general.medium.03";
        var strong = await Evaluate(candidate, new
        {
            questionId = question,
            answer = "I'd combine a hash map for lookups with a doubly linked list that keeps recency order. On get, I look up the node in O(1) " +
                     "and move it to the front of the list. On put, I insert at the front and, when the size exceeds capacity, evict the least " +
                     "recently used node from the tail and remove its key from the map. Both operations are O(1) time and O(capacity) space. " +
                     "Edge cases: capacity zero, updating an existing key, and duplicate puts. The trade-off versus an ordered dict is memory for pointers."
        });
        var weak = await Evaluate(candidate, new { questionId = question, answer = "I would use a list and remove old items when it gets full, probably." });

        strong.GetProperty("score").GetInt32().ShouldBeGreaterThan(weak.GetProperty("score").GetInt32() + 30);
        strong.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(["approach", "complexity", "edge_cases", "communication"]);
        strong.GetProperty("scoredBy").GetProperty("rubricVersion").GetString().ShouldBe("rubric-v1");
        weak.GetProperty("keyPointsMissed").GetArrayLength().ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task a_custom_question_can_be_practised()
    {
        var candidate = await Host.SignedUp();
        var result = await Evaluate(candidate, new
        {
            question = new { text = "Why use a message queue between services?", type = "technical", expectedKeyPoints = new[] { "decouple producers and consumers", "absorb traffic spikes" } },
            answer = "A queue decouples producers from consumers, so each can scale and fail independently, and it absorbs traffic spikes because messages wait in the buffer."
        });
        result.GetProperty("questionId").GetString().ShouldBe("custom");
        result.GetProperty("keyPointsCovered").GetArrayLength().ShouldBe(2);
    }

    [Theory]
    [InlineData("", "empty answer")]
    [InlineData("zxcvbn qwrtyp sdfghj klmnbv", "gibberish")]
    [InlineData("ok sure", "too short")]
    [InlineData("Design an LRU cache with O(1) get and put.", "repeats the question")]
    [InlineData("My favourite football team won the league last season and the stadium was loud.", "off-topic")]
    public async Task the_input_gate_refuses_to_score_non_answers(string answer, string reason)
    {
        var candidate = await Host.SignedUp();
        var result = await Evaluate(candidate, new { questionId = "swe_engineer.general.medium.03", answer });
        result.GetProperty("score").GetInt32().ShouldBe(0);
        result.GetProperty("notScoredReason").GetString()!.ShouldContain(reason);
        result.GetProperty("criteria").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task bad_evaluation_requests_are_validation_problems()
    {
        var candidate = await Host.SignedUp();
        var result = await Host.As(candidate, s => { s.Post.Json(new { questionId = "nope", answer = "x" }).ToUrl("/api/v1/evaluations"); s.StatusCodeShouldBe(400); });
        (await result.ProblemOf()).GetProperty("errors").TryGetProperty("questionId", out _).ShouldBeTrue();
        await Host.As(candidate, s => { s.Post.Json(new { question = new { text = "Q?", type = "poem" }, answer = "x" }).ToUrl("/api/v1/evaluations"); s.StatusCodeShouldBe(400); });
    }
}
