using Interview.Domain.Questions;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Interview.Tests.Hosting;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Sessions;

public sealed class FullInterviewTests(AppFixture fixture) : ApiTest(fixture)
{
    private QuestionBank Bank => Host.Services.GetRequiredService<QuestionBank>();

    private string StrongAnswer(string questionId)
    {
        var question = Bank.Find(questionId).ShouldNotBeNull();
        return $"I would approach it step by step, because the trade-offs matter. {string.Join(". ", question.ExpectedKeyPoints)}. " +
               "For example, in my last project this cut latency by 40% for 2 million users, so I measured before and after.";
    }

    [Fact]
    public async Task a_candidate_is_interviewed_from_signup_to_finalize_in_offline_mode()
    {
        var candidate = await Host.SignedUp();
        var (id, view) = await Host.StartedInterview(candidate, Scenarios.DefaultInterview(questionCount: 3));

        view.Status.ShouldBe(InterviewStatus.InProgress);
        view.Turns.Select(t => t.Kind).ShouldBe([TurnKind.Greeting, TurnKind.Question]);
        view.Turns[1].IsWarmUp.ShouldBeTrue();
        view.Turns.ShouldAllBe(t => t.GeneratedBy == Domain.Common.EngineKind.Offline);

        await Host.Answered(candidate, id, "I build backend services in C# and PostgreSQL, currently an event-sourced billing system.");
        view = await Host.Interview(candidate, id);
        for (var guard = 0; view.Awaiting == Awaiting.Candidate && guard < 20; guard++)
        {
            var last = view.Turns[^1];
            var answer = last.Kind == TurnKind.FollowUp || guard % 2 == 0
                ? StrongAnswer(last.QuestionId!)
                : "Not sure, I would look it up.";
            await Host.Answered(candidate, id, answer);
            view = await Host.Interview(candidate, id);
        }

        view.Awaiting.ShouldBe(Awaiting.Nothing);
        view.Turns[^1].Kind.ShouldBe(TurnKind.Closing);
        view.Progress.ShouldBe(new Progress(3, 3));
        var questions = view.Turns.Where(t => t is { Kind: TurnKind.Question, IsWarmUp: false }).ToArray();
        questions.Length.ShouldBe(3);
        questions.Select(q => q.QuestionId).Distinct().Count().ShouldBe(3);
        view.Turns.Where(t => t.Kind == TurnKind.FollowUp).GroupBy(t => t.QuestionId).ShouldAllBe(g => g.Count() <= 2);

        await Host.Posted(candidate, $"/api/v1/interviews/{id}/finalize", 202);
        view = await Host.Interview(candidate, id, waitForTurn: 0);
        view.Status.ShouldBeOneOf(InterviewStatus.Finalized, InterviewStatus.Reported); // the report job may already have run
        view.EndedEarly.ShouldBeFalse();

        await using var session = Fixture.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var asked = events.Select(e => e.Data).OfType<QuestionAsked>().ToArray();
        asked.ShouldAllBe(q => q.Reason.Contains("difficulty") && q.Reason.Contains("type"));
        events.Select(e => e.Data).OfType<AnswerAssessed>().ShouldNotBeEmpty();
        events.Select(e => e.Data).OfType<InterviewFinalized>().Single().QuestionsAnswered.ShouldBe(3);
    }

    [Fact]
    public async Task a_weak_answer_gets_at_most_two_follow_ups_then_the_interview_moves_on()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate, Scenarios.DefaultInterview(type: "technical"));
        await Host.Answered(candidate, id, "Hello, I am a backend developer.");
        var view = await Host.Interview(candidate, id);
        var firstQuestion = view.Turns[^1].QuestionId;

        for (var i = 0; i < 3; i++)
        {
            await Host.Answered(candidate, id, "I don't know.");
            view = await Host.Interview(candidate, id);
        }

        view.Turns.Count(t => t.Kind == TurnKind.FollowUp && t.QuestionId == firstQuestion).ShouldBe(2);
        view.Turns[^1].Kind.ShouldBe(TurnKind.Question);
        view.Turns[^1].QuestionId.ShouldNotBe(firstQuestion);
    }

    [Fact]
    public async Task a_strong_answer_gets_no_follow_up_and_raises_the_difficulty()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate, Scenarios.DefaultInterview(type: "technical", difficulty: "medium"));
        await Host.Answered(candidate, id, "Hello, I am a backend developer.");
        var view = await Host.Interview(candidate, id);
        var first = view.Turns[^1];

        await Host.Answered(candidate, id, StrongAnswer(first.QuestionId!));
        view = await Host.Interview(candidate, id);

        view.Turns[^1].Kind.ShouldBe(TurnKind.Question);
        view.Turns[^1].QuestionId.ShouldNotBe(first.QuestionId);
        view.Turns[^1].Difficulty.ShouldBe(Domain.Common.Difficulty.Hard);
    }

    [Fact]
    public async Task finalizing_before_the_closing_turn_ends_the_interview_early()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/finalize", 202);

        var view = await Host.Interview(candidate, id, waitForTurn: 0);
        view.Status.ShouldBeOneOf(InterviewStatus.Finalized, InterviewStatus.Reported); // the report job may already have run
        view.EndedEarly.ShouldBeTrue();
    }

    [Fact]
    public async Task a_paused_interview_refuses_answers_until_it_is_resumed()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/pause", 202);

        var refused = await Host.Answered(candidate, id, "An answer while paused.", status: 409);
        (await refused.ProblemOf()).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("paused");

        await Host.Posted(candidate, $"/api/v1/interviews/{id}/resume", 202);
        await Host.Answered(candidate, id, "An answer after resuming.");
    }

    [Fact]
    public async Task another_candidate_can_neither_see_nor_change_the_interview()
    {
        var owner = await Host.SignedUp();
        var stranger = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(owner);

        await Host.As(stranger, s => { s.Get.Url($"/api/v1/interviews/{id}"); s.StatusCodeShouldBe(404); });
        await Host.Answered(stranger, id, "Hijack.", status: 404);
        await Host.Posted(stranger, $"/api/v1/interviews/{id}/pause", 404);
        await Host.Posted(stranger, $"/api/v1/interviews/{id}/finalize", 404);
    }

    [Fact]
    public async Task a_second_interview_does_not_repeat_questions_the_candidate_has_seen()
    {
        var candidate = await Host.SignedUp();
        var seen = new List<string>();
        for (var interview = 0; interview < 2; interview++)
        {
            var (id, _) = await Host.StartedInterview(candidate, Scenarios.DefaultInterview(type: "behavioral", questionCount: 3));
            await Host.Answered(candidate, id, "Warm-up answer about my background in backend work.");
            var view = await Host.Interview(candidate, id);
            while (view.Awaiting == Awaiting.Candidate)
            {
                await Host.Answered(candidate, id, StrongAnswer(view.Turns[^1].QuestionId!));
                view = await Host.Interview(candidate, id);
            }
            var asked = view.Turns.Where(t => t is { Kind: TurnKind.Question, IsWarmUp: false }).Select(t => t.QuestionId!).ToArray();
            asked.ShouldAllBe(q => !seen.Contains(q));
            seen.AddRange(asked);
        }
        seen.Count.ShouldBe(6);
    }
}
