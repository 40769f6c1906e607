using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Shouldly;
using static Interview.Tests.Decisions.Given;

namespace Interview.Tests.Decisions;

public sealed class InterviewDeciderTests
{
    private static InterviewSession AwaitingWarmUpAnswer() =>
        InterviewerTakesTurn(NewInterview(null, new InterviewStarted(Guid.Empty, Now)), LadderBank());

    [Fact]
    public void starting_a_created_interview_owes_the_interviewer_a_turn()
    {
        var decision = InterviewDecider.Start(NewInterview(), Now);
        decision.Events.Single().ShouldBeOfType<InterviewStarted>();
        Apply(NewInterview(), decision.Events.ToArray()).Awaiting.ShouldBe(Awaiting.Interviewer);
    }

    [Fact]
    public void starting_twice_is_a_conflict() =>
        InterviewDecider.Start(NewInterview(null, new InterviewStarted(Guid.Empty, Now)), Now).Rejection!.Status.ShouldBe(409);

    [Fact]
    public void the_first_turn_greets_and_asks_a_warm_up()
    {
        var state = AwaitingWarmUpAnswer();
        state.Greeted.ShouldBeTrue();
        state.Prompt!.Kind.ShouldBe(PromptKind.WarmUp);
        state.Awaiting.ShouldBe(Awaiting.Candidate);
    }

    [Theory]
    [InlineData("", 400)]
    [InlineData("   ", 400)]
    public void an_empty_answer_is_invalid(string text, int status) =>
        InterviewDecider.SubmitAnswer(AwaitingWarmUpAnswer(), text, null, Now).Rejection!.Status.ShouldBe(status);

    [Fact]
    public void an_answer_of_20001_characters_is_invalid_and_20000_is_accepted()
    {
        InterviewDecider.SubmitAnswer(AwaitingWarmUpAnswer(), new string('a', 20_001), null, Now).IsRejected.ShouldBeTrue();
        InterviewDecider.SubmitAnswer(AwaitingWarmUpAnswer(), new string('a', 20_000), null, Now).IsRejected.ShouldBeFalse();
    }

    [Fact]
    public void an_answer_while_the_interviewer_writes_is_a_conflict()
    {
        var answered = Answer(AwaitingWarmUpAnswer(), "My warm-up answer.");
        InterviewDecider.SubmitAnswer(answered, "Another.", null, Now).Rejection!.Status.ShouldBe(409);
    }

    [Fact]
    public void answers_on_a_paused_or_finalized_interview_are_conflicts()
    {
        var paused = Apply(AwaitingWarmUpAnswer(), new InterviewPaused(Guid.Empty, Now));
        InterviewDecider.SubmitAnswer(paused, "Hi", null, Now).Rejection!.Detail.ShouldContain("paused");

        var finalized = Apply(AwaitingWarmUpAnswer(), new InterviewFinalized(Guid.Empty, Guid.Empty, true, 0, Now));
        InterviewDecider.SubmitAnswer(finalized, "Hi", null, Now).Rejection!.Detail.ShouldContain("finalized");
        InterviewDecider.Pause(finalized, Now).IsRejected.ShouldBeTrue();
        InterviewDecider.Resume(finalized, Now).IsRejected.ShouldBeTrue();
        InterviewDecider.Finalize(finalized, Now).IsRejected.ShouldBeTrue();
    }

    [Fact]
    public void finalizing_before_the_closing_turn_is_marked_as_ended_early()
    {
        var events = InterviewDecider.Finalize(AwaitingWarmUpAnswer(), Now).Events;
        events[0].ShouldBeOfType<InterviewFinalized>().EndedEarly.ShouldBeTrue();
        events[1].ShouldBeOfType<Interview.Domain.Reports.ReportRequested>().ReportVersion.ShouldBe(1);
    }

    [Fact]
    public void a_stale_turn_proposal_appends_nothing()
    {
        var state = Answer(AwaitingWarmUpAnswer(), "My warm-up answer.");
        var turn = Sessions_OfflineTurn(state) with { TurnRequest = state.TurnRequest - 1 };
        InterviewDecider.ApplyTurn(state, turn, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void the_same_turn_applied_twice_appends_once()
    {
        var state = Answer(AwaitingWarmUpAnswer(), "My warm-up answer.");
        var turn = Sessions_OfflineTurn(state);
        var first = InterviewDecider.ApplyTurn(state, turn, Now);
        first.Events.ShouldNotBeEmpty();
        InterviewDecider.ApplyTurn(Apply(state, first.Events.ToArray()), turn, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void a_third_follow_up_on_one_question_is_never_appended_whatever_the_engine_proposes()
    {
        var state = InterviewerTakesTurn(Answer(AwaitingWarmUpAnswer(), "Warm-up."), LadderBank());
        var questionId = state.Asked[^1].QuestionId;
        for (var i = 0; i < 2; i++)
            state = Apply(Answer(state, "No idea."), new FollowUpAsked(state.Id, questionId, i + 1, "More?", [], "probe", EngineKind.Llm, Now));
        state = Answer(state, "Still no idea.");

        var greedy = new InterviewerTurn(state.Id, state.TurnRequest, null, null,
            [new InterviewerLine(LineKind.FollowUp, "A third follow-up?", "engine wants more", questionId)], EngineKind.Llm);

        InterviewDecider.ApplyTurn(state, greedy, Now).Rejection!.Status.ShouldBe(409);
    }

    [Fact]
    public void no_question_beyond_the_configured_count_is_appended()
    {
        var state = NewInterview(Config(questionCount: 3), new InterviewStarted(Guid.Empty, Now));
        var bank = LadderBank();
        state = InterviewerTakesTurn(state, bank);
        for (var guard = 0; guard < 30 && !state.Closed; guard++)
            state = InterviewerTakesTurn(Answer(state, "use an index on the column, explain the trade-offs because 3 ms matter, measure latency at p95 with 40 requests per second from many clients over time"), bank);

        state.Closed.ShouldBeTrue();
        state.Asked.Count.ShouldBe(3);
        var extra = new InterviewerTurn(state.Id, state.TurnRequest, null, null,
            [new InterviewerLine(LineKind.Question, "One more?", "engine", "backend.general.hard.03")], EngineKind.Llm);
        InterviewDecider.ApplyTurn(state, extra, Now).Events.ShouldBeEmpty();
    }

    private static InterviewerTurn Sessions_OfflineTurn(InterviewSession state) => OfflineInterviewer.NextTurn(state, LadderBank(), []);
}
