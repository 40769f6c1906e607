using Interview.Domain.Common;
using Interview.Domain.Questions;
using Interview.Domain.Sessions;
using JasperFx.Events;

namespace Interview.Tests.Decisions;

/// <summary>Builds aggregates and banks from events, as Marten would, for pure decide tests.</summary>
public static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static InterviewConfig Config(InterviewType type = InterviewType.Technical, Difficulty difficulty = Difficulty.Medium,
        int questionCount = 3, string track = "backend", string company = "general", string[]? stack = null) =>
        new(track, "Backend Engineer", InterviewLevel.Mid, type, difficulty, company, stack ?? [], questionCount);

    public static InterviewSession NewInterview(InterviewConfig? config = null, params object[] events)
    {
        var id = Guid.Parse("0195f3a0-0000-7000-8000-000000000001");
        var state = InterviewSession.Create(new InterviewCreated(id, Guid.Parse("0195f3a0-0000-7000-8000-0000000000aa"), config ?? Config(), Now));
        return Apply(state, events);
    }

    public static InterviewSession Apply(InterviewSession state, params object[] events)
    {
        var version = 1L;
        foreach (var e in events)
        {
            version++;
            state = e switch
            {
                InterviewStarted x => state.Apply(x),
                InterviewerGreeted x => state.Apply(x),
                WarmUpAsked x => state.Apply(x),
                QuestionAsked x => state.Apply(x),
                FollowUpAsked x => state.Apply(x),
                AnswerSubmitted x => state.Apply(new Event<AnswerSubmitted>(x) { Version = version }),
                AnswerAssessed x => state.Apply(x),
                InterviewClosed x => state.Apply(x),
                InterviewPaused x => state.Apply(x),
                InterviewResumed x => state.Apply(x),
                InterviewFinalized x => state.Apply(x),
                _ => throw new ArgumentException($"unknown event {e.GetType().Name}")
            };
        }
        return state;
    }

    /// <summary>Runs the offline interviewer and the decider until the candidate is asked something.</summary>
    public static InterviewSession InterviewerTakesTurn(InterviewSession state, QuestionBank bank, IReadOnlyCollection<string>? seen = null)
    {
        var turn = OfflineInterviewer.NextTurn(state, bank, seen ?? []);
        var decision = InterviewDecider.ApplyTurn(state, turn, Now);
        if (decision.IsRejected) throw new InvalidOperationException(decision.Rejection!.Detail);
        return Apply(state, decision.Events.ToArray());
    }

    public static InterviewSession Answer(InterviewSession state, string text)
    {
        var decision = InterviewDecider.SubmitAnswer(state, text, null, Now);
        if (decision.IsRejected) throw new InvalidOperationException(decision.Rejection!.Detail);
        return Apply(state, decision.Events.ToArray());
    }

    public static Question Question(string id, QuestionType type = QuestionType.Technical, Difficulty difficulty = Difficulty.Medium,
        string track = "backend", string company = "general", string[]? tags = null, string[]? stack = null, string[]? keyPoints = null) =>
        new(id, track, company, difficulty, type, $"Question {id}?", tags ?? ["topic-" + id], stack ?? [],
            keyPoints ?? ["use an index on the column", "explain the trade-offs", "measure latency"],
            ["What about the index?", "How would you measure it?"], type, "hash");

    public static QuestionBank Bank(params Question[] questions) => new(questions);

    /// <summary>Technical backend questions at every difficulty, three per level.</summary>
    public static QuestionBank LadderBank() => Bank(
        Enum.GetValues<Difficulty>().SelectMany(d => Enumerable.Range(1, 3).Select(i =>
            Question($"backend.general.{d.ToString().ToLowerInvariant()}.{i:00}", difficulty: d))).ToArray());
}
