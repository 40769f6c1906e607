using Interview.Domain.Common;
using Interview.Domain.Delivery;

namespace Interview.Domain.Sessions;

/// <summary>The interview's rules as pure functions of (state, command, now).</summary>
public static class InterviewDecider
{
    public const int MaxAnswerLength = 20_000;
    public const int MaxFollowUpsPerQuestion = 2;
    public const int MinQuestions = 3;
    public const int MaxQuestions = 10;

    public static Decision Start(InterviewSession state, DateTimeOffset now) => state.Status switch
    {
        InterviewStatus.Created => Decision.Accept(new InterviewStarted(state.Id, now, state.CandidateId)),
        InterviewStatus.Paused => Rejection.Conflict("The interview is paused; resume it instead."),
        _ => Rejection.Conflict($"The interview has already been started (status {EnumText.Wire(state.Status)}).")
    };

    /// <summary>
    /// A typed or a spoken answer: the same rules for both. A spoken one carries what the speech engine heard and the
    /// time the open prompt allows, so delivery feedback can be derived from the event alone.
    /// </summary>
    public static Decision SubmitAnswer(InterviewSession state, string? text, string? idempotencyKey, DateTimeOffset now,
        SpokenAnswer? spoken = null)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return Rejection.Invalid("The answer text must not be empty.");
        if (trimmed.Length > MaxAnswerLength)
            return Rejection.Invalid($"The answer is {trimmed.Length} characters long; the limit is {MaxAnswerLength}.");
        if (idempotencyKey is { Length: > 200 }) return Rejection.Invalid("The idempotencyKey must be at most 200 characters.");
        if (AnswerAwaited(state) is { } refused) return refused;

        var prompt = state.Prompt!;
        return Decision.Accept(new AnswerSubmitted(
            state.Id, state.AnswerCount + 1, prompt.Kind, prompt.QuestionId, trimmed, idempotencyKey, now,
            spoken is null ? AnswerSource.Typed : AnswerSource.Voice,
            spoken is null ? null : spoken with { Allocation = DeliveryAnalysis.AllocationFor(prompt.Kind, CurrentQuestionType(state)) }));
    }

    /// <summary>Null when the candidate may answer now; otherwise why not (also checked before audio is transcribed).</summary>
    public static Rejection? AnswerAwaited(InterviewSession state)
    {
        if (state.Status is InterviewStatus.Finalized or InterviewStatus.Reported or InterviewStatus.Abandoned)
            return Rejection.Conflict("The interview is finalized; no more answers are accepted.");
        if (state.Status == InterviewStatus.Paused)
            return Rejection.Conflict("The interview is paused; resume it before answering.");
        if (state.Awaiting != Awaiting.Candidate || state.Prompt is null)
            return Rejection.Conflict(state.Awaiting == Awaiting.Interviewer
                ? "No answer is awaited: the interviewer is still writing the next turn."
                : "No answer is awaited.");
        return null;
    }

    private static QuestionType? CurrentQuestionType(InterviewSession state) =>
        state.Prompt?.QuestionId is { } id && state.Asked.Count > 0 && state.Asked[^1].QuestionId == id ? state.Asked[^1].Type : null;

    public static Decision Pause(InterviewSession state, DateTimeOffset now) => state.Status switch
    {
        InterviewStatus.InProgress => Decision.Accept(new InterviewPaused(state.Id, now)),
        InterviewStatus.Paused => Rejection.Conflict("The interview is already paused."),
        _ => Rejection.Conflict($"Only an interview in progress can be paused (status {EnumText.Wire(state.Status)}).")
    };

    /// <summary>An interview untouched for longer than the limit, and never finalized, is abandoned.</summary>
    public static Decision Abandon(InterviewSession state, TimeSpan idleFor, TimeSpan limit, DateTimeOffset now) =>
        state.Status is InterviewStatus.Created or InterviewStatus.InProgress or InterviewStatus.Paused && idleFor >= limit
            ? Decision.Accept(new InterviewAbandoned(state.Id, state.CandidateId, idleFor, now))
            : Decision.Accept();

    public static Decision Resume(InterviewSession state, DateTimeOffset now) => state.Status switch
    {
        InterviewStatus.Paused => Decision.Accept(new InterviewResumed(state.Id, now)),
        _ => Rejection.Conflict($"Only a paused interview can be resumed (status {EnumText.Wire(state.Status)}).")
    };

    public static Decision Finalize(InterviewSession state, DateTimeOffset now) => state.Status switch
    {
        InterviewStatus.InProgress or InterviewStatus.Paused => Decision.Accept(
            new InterviewFinalized(state.Id, state.CandidateId, EndedEarly: !state.Closed, state.QuestionsAnswered, now),
            new Reports.ReportRequested(state.Id, 1, "interview finalized", state.CandidateId, now)),
        InterviewStatus.Created => Rejection.Conflict("The interview has not been started."),
        _ => Rejection.Conflict("The interview is already finalized.")
    };

    /// <summary>
    /// Turns a proposed interviewer turn into events. The server stays in charge: a stale or duplicate proposal
    /// appends nothing, and follow-up budgets, question count and order are enforced here whatever the engine said.
    /// </summary>
    public static Decision ApplyTurn(InterviewSession state, InterviewerTurn turn, DateTimeOffset now)
    {
        if (turn.InterviewId != state.Id || turn.TurnRequest != state.TurnRequest || state.Awaiting != Awaiting.Interviewer)
            return Decision.Accept();
        if (state.Status is not (InterviewStatus.InProgress or InterviewStatus.Paused))
            return Decision.Accept();

        var events = new List<object>();
        if (turn.Assessment is not null)
            events.Add(new AnswerAssessed(state.Id, turn.Assessment, turn.AssessmentDecision ?? "", turn.Source, now));

        var asked = state.Asked.Count;
        var followUpsOnCurrent = state.Asked.Count > 0 ? state.Asked[^1].FollowUps : 0;
        var greeted = state.Greeted;
        foreach (var line in turn.Lines)
        {
            object? appended = line.Kind switch
            {
                LineKind.Greeting when !greeted => new InterviewerGreeted(state.Id, line.Text, turn.Source, now),
                LineKind.WarmUp when greeted && asked == 0 => new WarmUpAsked(state.Id, line.Text, turn.Source, now),
                LineKind.Question when asked < state.Config.QuestionCount && line.QuestionId is not null
                                       && state.Asked.All(q => q.QuestionId != line.QuestionId)
                    => new QuestionAsked(state.Id, state.CandidateId, asked + 1, line.QuestionId, line.Text,
                        line.Type ?? QuestionType.Technical, line.Difficulty ?? state.Config.Difficulty, line.Tags ?? [],
                        line.Reason, turn.Source, now, line.Generated),
                LineKind.FollowUp when asked > 0 && followUpsOnCurrent < MaxFollowUpsPerQuestion
                    => new FollowUpAsked(state.Id, state.Asked[^1].QuestionId, followUpsOnCurrent + 1, line.Text,
                        line.TargetKeyPoints ?? [], line.Reason, turn.Source, now),
                LineKind.Closing => new InterviewClosed(state.Id, line.Text, line.Reason, turn.Source, now),
                _ => null
            };
            if (appended is null) continue;
            events.Add(appended);
            if (appended is InterviewerGreeted) greeted = true;
            if (appended is QuestionAsked) { asked++; followUpsOnCurrent = 0; }
            if (appended is FollowUpAsked) followUpsOnCurrent++;
            if (appended is WarmUpAsked or QuestionAsked or FollowUpAsked or InterviewClosed) break;
        }

        return events.Any(e => e is WarmUpAsked or QuestionAsked or FollowUpAsked or InterviewClosed)
            ? Decision.Accept(events.ToArray())
            : Rejection.Conflict("The proposed turn asks nothing the interview allows.");
    }
}
