using Interview.Domain.Common;
using Interview.Domain.Questions;
using Interview.Domain.Scoring;

namespace Interview.Domain.Sessions;

/// <summary>
/// The deterministic interviewer used when no LLM is configured (and whenever the LLM fails):
/// greets, warms up, asks bank questions chosen by <see cref="QuestionPicker"/>, follows up on missed key points
/// and closes. Pure: the same state, bank and history always give the same turn.
/// </summary>
public static class OfflineInterviewer
{
    private static readonly QuestionType[] MixedRotation =
        [QuestionType.Behavioral, QuestionType.Technical, QuestionType.Dsa, QuestionType.SystemDesign];

    private static readonly QuestionType[] ManagerMixedRotation =
        [QuestionType.Behavioral, QuestionType.SystemDesign, QuestionType.Behavioral, QuestionType.Technical];

    private static readonly string[] WarmUps =
    [
        "To warm up: tell me briefly about yourself and what you are working on at the moment.",
        "Before we dive in: what is a recent project you are proud of, and what was your part in it?",
        "To get started: what draws you to this {role} role, and what would you like to get better at?"
    ];

    /// <param name="allowFollowUp">false when another engine already decided to move on from the current question.</param>
    public static InterviewerTurn NextTurn(InterviewSession state, QuestionBank bank, IReadOnlyCollection<string> seenBefore, bool allowFollowUp = true)
    {
        if (!state.Greeted)
        {
            return Turn(state, null, null,
                new InterviewerLine(LineKind.Greeting, Greeting(state.Config), "interview started"),
                new InterviewerLine(LineKind.WarmUp, WarmUp(state), "warm-up before the first question"));
        }

        if (state.Asked.Count == 0)
            return NextQuestionOrClosing(state, bank, seenBefore, null, "first question after the warm-up");

        var current = state.Asked[^1];
        var question = Resolve(current, state.Config, bank);
        if (question is null)
            return NextQuestionOrClosing(state, bank, seenBefore, null, $"question {current.QuestionId} is not in the bank any more");

        var assessment = AnswerAssessor.Assess(question, current.Answers);
        var followUp = allowFollowUp ? FollowUp(question, current, assessment) : null;
        if (followUp is not null)
            return Turn(state, assessment, $"follow up: {followUp.Reason}", followUp);

        var moveOnReason = assessment.MissedKeyPoints.Count == 0
            ? "move on: the answer covered every key point"
            : !allowFollowUp ? "move on: the interviewer judged the answer sufficient"
            : $"move on: the follow-up budget of {InterviewDecider.MaxFollowUpsPerQuestion} is used";
        return NextQuestionOrClosing(state, bank, seenBefore, assessment, moveOnReason);
    }

    private static InterviewerLine? FollowUp(Question question, AskedQuestion current, AnswerAssessment assessment)
    {
        if (current.FollowUps >= InterviewDecider.MaxFollowUpsPerQuestion || assessment.MissedKeyPoints.Count == 0)
            return null;

        var target = assessment.MissedKeyPoints[0];
        var targetConcepts = TextAnalysis.Concepts(target);
        var ranked = question.FollowUpHints
            .Select((hint, index) => (hint, index, overlap: TextAnalysis.Concepts(hint).Count(targetConcepts.Contains)))
            .OrderByDescending(h => h.overlap).ThenBy(h => h.index)
            .Select(h => h.hint)
            .ToArray();
        var text = ranked.Length > 0
            ? ranked[current.FollowUps % ranked.Length]
            : $"You have not touched on this yet: {target}. How would you handle it?";
        if (assessment.Words < 15)
            text = $"Could you expand on that a little? {text}";

        return new InterviewerLine(LineKind.FollowUp, text,
            $"the answer missed {assessment.MissedKeyPoints.Count} of {question.ExpectedKeyPoints.Count} key points; probing \"{target}\" (follow-up {current.FollowUps + 1} of {InterviewDecider.MaxFollowUpsPerQuestion})",
            question.Id, TargetKeyPoints: [target]);
    }

    private static InterviewerTurn NextQuestionOrClosing(
        InterviewSession state, QuestionBank bank, IReadOnlyCollection<string> seenBefore,
        AnswerAssessment? assessment, string decision)
    {
        if (state.Asked.Count >= state.Config.QuestionCount)
            return Turn(state, assessment, $"{decision}; all {state.Config.QuestionCount} questions asked",
                new InterviewerLine(LineKind.Closing, Closing(state), $"all {state.Config.QuestionCount} questions asked"));

        if (state.Config.Plan is { Count: > 0 } plan)
        {
            var planned = plan[state.Asked.Count];
            var inBank = bank.Find(planned.Id);
            return Turn(state, assessment, decision, new InterviewerLine(LineKind.Question, planned.Text,
                $"question {state.Asked.Count + 1} of the prep pack's plan (type {EnumText.Wire(planned.Type)})", planned.Id, planned.Type,
                inBank?.Difficulty ?? state.Config.Difficulty, planned.Tags,
                Generated: inBank is null ? new GeneratedQuestion(planned.KeyPoints, planned.FollowUpHints, planned.Type) : null));
        }

        var type = NextType(state);
        var (target, difficultyReason) = TargetDifficulty(state, assessment);
        var picked = QuestionPicker.Pick(bank, new PickRequest(
            state.Id, state.Config, type, target,
            state.Asked.Select(q => q.QuestionId).ToHashSet(),
            state.Asked.SelectMany(q => q.Tags).ToHashSet(),
            seenBefore));

        if (picked is null)
            return Turn(state, assessment, $"{decision}; the bank has no further {EnumText.Wire(type)} question",
                new InterviewerLine(LineKind.Closing, Closing(state), $"no further {EnumText.Wire(type)} question in the bank"));

        var q = picked.Question;
        return Turn(state, assessment, decision,
            new InterviewerLine(LineKind.Question, q.Text, $"{difficultyReason}; {picked.Reason}", q.Id, q.Type, q.Difficulty, q.Tags));
    }

    /// <summary>The bank question, or for an LLM-written question the rubric material its event carried.</summary>
    public static Question? Resolve(AskedQuestion asked, InterviewConfig config, QuestionBank bank) =>
        bank.Find(asked.QuestionId) ?? (asked.Generated is { } generated
            ? new Question(asked.QuestionId, config.Track, config.CompanyStyle, asked.Difficulty, asked.Type, asked.Text, asked.Tags,
                config.TechStack, generated.KeyPoints, generated.FollowUpHints, generated.RubricCategory, "")
            : null);

    public static QuestionType NextType(InterviewSession state) => state.Config.Type switch
    {
        InterviewType.Behavioral => QuestionType.Behavioral,
        InterviewType.Technical => QuestionType.Technical,
        InterviewType.SystemDesign => QuestionType.SystemDesign,
        InterviewType.Dsa => QuestionType.Dsa,
        _ => (state.Config.Track == "engineering_manager" ? ManagerMixedRotation : MixedRotation)[state.Asked.Count % 4]
    };

    /// <summary>Moves one step up after a strong answer and one step down after a weak one, within one step of the configured level.</summary>
    public static (Difficulty Target, string Reason) TargetDifficulty(InterviewSession state, AnswerAssessment? assessment)
    {
        var configured = state.Config.Difficulty;
        if (assessment is null || state.Asked.Count == 0)
            return (configured, $"configured difficulty {EnumText.Wire(configured)}");

        var previous = state.Asked[^1].Difficulty;
        var step = assessment.Verdict switch { AnswerVerdict.Strong => 1, AnswerVerdict.Weak => -1, _ => 0 };
        var low = Math.Max((int)Difficulty.Easy, (int)configured - 1);
        var high = Math.Min((int)Difficulty.Expert, (int)configured + 1);
        var target = (Difficulty)Math.Clamp((int)previous + step, low, high);
        var movement = target > previous ? "raising" : target < previous ? "lowering" : "keeping";
        return (target, $"previous answer was {assessment.Verdict.ToString().ToLowerInvariant()} ({assessment.Summary}): {movement} difficulty {EnumText.Wire(previous)} -> {EnumText.Wire(target)}");
    }

    private static InterviewerTurn Turn(InterviewSession state, AnswerAssessment? assessment, string? decision, params InterviewerLine[] lines) =>
        new(state.Id, state.TurnRequest, assessment, decision, lines, EngineKind.Offline);

    private static string Greeting(InterviewConfig config)
    {
        var company = config.CompanyStyle == Catalog.GeneralCompany ? "" : $" in the style of {Capitalize(config.CompanyStyle)}";
        var kind = config.Type == InterviewType.Mixed ? "mixed" : EnumText.Wire(config.Type).Replace('_', ' ');
        return $"Hi, and thanks for joining. I'll be your interviewer for this {EnumText.Wire(config.Level)}-level {config.Role} interview{company}. " +
               $"We'll go through {config.QuestionCount} {kind} questions, and I may ask a follow-up or two along the way. " +
               "Take your time and think out loud: I'm interested in how you reason, not just the final answer.";
    }

    private static string WarmUp(InterviewSession state)
    {
        var index = (int)(BitConverter.ToUInt32(state.Id.ToByteArray(), 0) % (uint)WarmUps.Length);
        return WarmUps[index].Replace("{role}", state.Config.Role);
    }

    private static string Closing(InterviewSession state) =>
        $"That's all the questions I have. Thank you, you answered {state.QuestionsAnswered} of {state.Config.QuestionCount} questions. " +
        "Finalize the interview when you're ready and your scored report will follow.";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
