using Interview.Domain.Common;
using Interview.Domain.Questions;
using Interview.Domain.Sessions;
using Interview.Domain.Scoring;
using Shouldly;
using static Interview.Tests.Decisions.Given;

namespace Interview.Tests.Decisions;

public sealed class QuestionPickerTests
{
    private static PickRequest Request(InterviewConfig config, QuestionType type = QuestionType.Technical, Difficulty? target = null,
        string[]? asked = null, string[]? tags = null, string[]? seen = null) =>
        new(Guid.Parse("0195f3a0-0000-7000-8000-000000000001"), config, type, target ?? config.Difficulty,
            asked ?? [], tags ?? [], seen ?? []);

    [Fact]
    public void it_matches_type_track_company_and_stack()
    {
        var bank = Bank(
            Question("a", QuestionType.Dsa),
            Question("b", track: "frontend"),
            Question("c", company: "google"),
            Question("d", stack: ["java"]),
            Question("e", company: "amazon", stack: ["go"]));

        var picked = QuestionPicker.Pick(bank, Request(Config(company: "amazon", stack: ["go"])))!;

        picked.Question.Id.ShouldBe("e");
        picked.Reason.ShouldContain("company style amazon");
        picked.Reason.ShouldContain("matches tech stack go");
    }

    [Fact]
    public void it_prefers_the_target_difficulty()
    {
        var bank = LadderBank();
        QuestionPicker.Pick(bank, Request(Config(), target: Difficulty.Hard))!.Question.Difficulty.ShouldBe(Difficulty.Hard);
        QuestionPicker.Pick(bank, Request(Config(), target: Difficulty.Easy))!.Question.Difficulty.ShouldBe(Difficulty.Easy);
    }

    [Fact]
    public void it_spreads_tags_across_the_interview()
    {
        var bank = Bank(
            Question("caching-1", tags: ["caching"]),
            Question("caching-2", tags: ["caching"]),
            Question("queues-1", tags: ["queues"]));

        var picked = QuestionPicker.Pick(bank, Request(Config(), asked: ["caching-1"], tags: ["caching"]))!;

        picked.Question.Id.ShouldBe("queues-1");
    }

    [Fact]
    public void it_never_repeats_a_question_seen_in_an_earlier_interview_until_the_pool_is_exhausted()
    {
        var bank = Bank(Question("q1"), Question("q2"), Question("q3"));

        QuestionPicker.Pick(bank, Request(Config(), seen: ["q1", "q2"]))!.Question.Id.ShouldBe("q3");

        var exhausted = QuestionPicker.Pick(bank, Request(Config(), seen: ["q1", "q2", "q3"]))!;
        exhausted.Reason.ShouldContain("seen in earlier interviews");
    }

    [Fact]
    public void it_never_repeats_a_question_within_one_interview_and_returns_nothing_when_the_type_runs_out()
    {
        var bank = Bank(Question("q1"), Question("q2"));
        QuestionPicker.Pick(bank, Request(Config(), asked: ["q1"]))!.Question.Id.ShouldBe("q2");
        QuestionPicker.Pick(bank, Request(Config(), asked: ["q1", "q2"])).ShouldBeNull();
    }

    [Fact]
    public void it_borrows_from_another_track_only_when_the_track_has_nothing_left()
    {
        var bank = Bank(Question("mine"), Question("theirs", track: "data"));
        QuestionPicker.Pick(bank, Request(Config()))!.Question.Id.ShouldBe("mine");
        QuestionPicker.Pick(bank, Request(Config(), asked: ["mine"]))!.Reason.ShouldContain("borrowed from track data");
    }

    [Fact]
    public void the_same_interview_always_gets_the_same_question()
    {
        var bank = LadderBank();
        var first = QuestionPicker.Pick(bank, Request(Config()))!.Question.Id;
        Enumerable.Range(0, 5).ShouldAllBe(_ => QuestionPicker.Pick(bank, Request(Config()))!.Question.Id == first);
    }
}

public sealed class AdaptiveDifficultyTests
{
    private const string StrongAnswer =
        "I would use an index on the column, and explain the trade-offs because writes get slower; then measure latency " +
        "at p95 before and after. In my last project this cut query time from 900 ms to 40 ms for 2 million rows, so it paid off.";

    private static InterviewSession FirstQuestionAsked(Difficulty configured)
    {
        var bank = LadderBank();
        var state = InterviewerTakesTurn(NewInterview(Config(difficulty: configured), new InterviewStarted(Guid.Empty, Now)), bank);
        return InterviewerTakesTurn(Answer(state, "Warm-up answer."), bank);
    }

    [Fact]
    public void a_strong_answer_raises_the_next_question_one_step()
    {
        var state = FirstQuestionAsked(Difficulty.Medium);
        state.Asked[^1].Difficulty.ShouldBe(Difficulty.Medium);

        state = InterviewerTakesTurn(Answer(state, StrongAnswer), LadderBank());

        state.Asked.Count.ShouldBe(2);
        state.Asked[^1].Difficulty.ShouldBe(Difficulty.Hard);
    }

    [Fact]
    public void weak_answers_lower_the_next_question_one_step_after_the_follow_ups()
    {
        var bank = LadderBank();
        var state = FirstQuestionAsked(Difficulty.Medium);
        for (var i = 0; i < 3; i++) state = InterviewerTakesTurn(Answer(state, "No idea."), bank);

        state.Asked.Count.ShouldBe(2);
        state.Asked[0].FollowUps.ShouldBe(2);
        state.Asked[^1].Difficulty.ShouldBe(Difficulty.Easy);
    }

    [Fact]
    public void difficulty_never_moves_more_than_one_step_from_the_configured_level()
    {
        var (target, _) = OfflineInterviewer.TargetDifficulty(
            FirstQuestionAsked(Difficulty.Easy) with { }, new AnswerAssessment("x", [], [], 1, 100, 3, 3, AnswerVerdict.Strong, ""));
        target.ShouldBe(Difficulty.Medium);

        var hard = FirstQuestionAsked(Difficulty.Easy);
        hard = hard with { Asked = hard.Asked.SetItem(0, hard.Asked[0] with { Difficulty = Difficulty.Medium }) };
        OfflineInterviewer.TargetDifficulty(hard, new AnswerAssessment("x", [], [], 1, 100, 3, 3, AnswerVerdict.Strong, ""))
            .Target.ShouldBe(Difficulty.Medium);
    }

    [Fact]
    public void a_covering_answer_gets_no_follow_up_and_a_vague_one_does()
    {
        var bank = LadderBank();
        InterviewerTakesTurn(Answer(FirstQuestionAsked(Difficulty.Medium), StrongAnswer), bank).Prompt!.Kind.ShouldBe(PromptKind.Question);
        var probed = InterviewerTakesTurn(Answer(FirstQuestionAsked(Difficulty.Medium), "I would use an index on the column."), bank);
        probed.Prompt!.Kind.ShouldBe(PromptKind.FollowUp);
    }
}
