using Interview.Domain.Common;
using System.Text.Json.Serialization;
using Interview.Domain.Scoring;
using Interview.Domain.Delivery;

namespace Interview.Domain.Sessions;

public sealed record InterviewConfig(
    string Track,
    string Role,
    InterviewLevel Level,
    InterviewType Type,
    Difficulty Difficulty,
    string CompanyStyle,
    IReadOnlyList<string> TechStack,
    int QuestionCount,
    IReadOnlyList<PlannedQuestion>? Plan = null,
    Guid? PrepPackId = null);

/// <summary>A question fixed in advance (a prep pack practised as a mock interview), asked in order instead of picked.</summary>
public sealed record PlannedQuestion(string Id, string Text, QuestionType Type, IReadOnlyList<string> Tags, IReadOnlyList<string> KeyPoints,
    IReadOnlyList<string> FollowUpHints);

public sealed record InterviewCreated(Guid InterviewId, Guid CandidateId, InterviewConfig Config, DateTimeOffset CreatedAt);

public sealed record InterviewStarted(Guid InterviewId, DateTimeOffset StartedAt, Guid CandidateId = default);

public sealed record InterviewerGreeted(Guid InterviewId, string Text, EngineKind Source, DateTimeOffset At);

public sealed record WarmUpAsked(Guid InterviewId, string Text, EngineKind Source, DateTimeOffset At);

/// <summary>A bank (or generated) question; Reason records why it was chosen so a replay explains the interview.</summary>
public sealed record QuestionAsked(
    Guid InterviewId,
    Guid CandidateId,
    int Number,
    string QuestionId,
    string Text,
    QuestionType Type,
    Difficulty Difficulty,
    IReadOnlyList<string> Tags,
    string Reason,
    EngineKind Source,
    DateTimeOffset At,
    GeneratedQuestion? Generated = null);

/// <summary>A question the LLM wrote because the bank had no good match; it carries its own rubric material.</summary>
public sealed record GeneratedQuestion(IReadOnlyList<string> KeyPoints, IReadOnlyList<string> FollowUpHints, QuestionType RubricCategory);

public sealed record FollowUpAsked(
    Guid InterviewId,
    string QuestionId,
    int FollowUpNumber,
    string Text,
    IReadOnlyList<string> TargetKeyPoints,
    string Reason,
    EngineKind Source,
    DateTimeOffset At);

public sealed record AnswerSubmitted(
    Guid InterviewId,
    int AnswerNumber,
    PromptKind RespondingTo,
    string? QuestionId,
    string Text,
    string? IdempotencyKey,
    DateTimeOffset AnsweredAt,
    AnswerSource Source = AnswerSource.Typed,
    SpokenAnswer? Spoken = null);

/// <summary>The interviewer's judgement of a question's answers, made before deciding to follow up or move on.</summary>
public sealed record AnswerAssessed(Guid InterviewId, AnswerAssessment Assessment, string Decision, EngineKind Source, DateTimeOffset At);

public sealed record InterviewClosed(Guid InterviewId, string Text, string Reason, EngineKind Source, DateTimeOffset At);

/// <summary>Housekeeping closed an interview nobody touched for too long.</summary>
public sealed record InterviewAbandoned(Guid InterviewId, Guid CandidateId, TimeSpan IdleFor, DateTimeOffset At);

public sealed record InterviewPaused(Guid InterviewId, DateTimeOffset PausedAt);

public sealed record InterviewResumed(Guid InterviewId, DateTimeOffset ResumedAt);

public sealed record InterviewFinalized(Guid InterviewId, Guid CandidateId, bool EndedEarly, int QuestionsAnswered, DateTimeOffset FinalizedAt);

[JsonConverter(typeof(JsonStringEnumConverter<LlmOutcome>))]
public enum LlmOutcome
{
    [JsonStringEnumMemberName("ok")] Ok,
    [JsonStringEnumMemberName("invalid")] Invalid,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("rate_limited")] RateLimited,
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("circuit_open")] CircuitOpen,
    [JsonStringEnumMemberName("budget_exceeded")] BudgetExceeded
}

/// <summary>
/// The audit of one LLM call made for this interview: what was asked (purpose, prompt version), of whom, what it cost,
/// how it went, and whether the offline engine took over. The response text is kept for coaches.
/// </summary>
public sealed record LlmCallRecorded(
    Guid InterviewId,
    string Purpose,
    string Provider,
    string Model,
    string PromptVersion,
    int TokensIn,
    int TokensOut,
    long LatencyMs,
    LlmOutcome Outcome,
    int Attempts,
    bool UsedOfflineFallback,
    string? ResponseText,
    string? Error,
    DateTimeOffset At);

/// <summary>The candidate lets a coach replay and annotate this interview.</summary>
public sealed record InterviewShared(Guid InterviewId, Guid CandidateId, Guid CoachId, string CoachEmail, DateTimeOffset At);

public sealed record InterviewShareRevoked(Guid InterviewId, Guid CandidateId, Guid CoachId, DateTimeOffset At);

[JsonConverter(typeof(JsonStringEnumConverter<NoteVisibility>))]
public enum NoteVisibility
{
    [JsonStringEnumMemberName("private")] Private,
    [JsonStringEnumMemberName("shared")] Shared
}

public sealed record CoachNoteAdded(Guid InterviewId, Guid NoteId, Guid CoachId, string CoachName, string Text, long? AtVersion,
    NoteVisibility Visibility, DateTimeOffset At);

/// <summary>The interview's personal content (answers, turns, report texts, notes) was erased; only anonymous facts remain.</summary>
public sealed record InterviewDataErased(Guid InterviewId, Guid CandidateId, ErasureReason Reason, DateTimeOffset ErasedAt);

/// <summary>A recorded answer's audio and transcript were deleted (retention or erasure); the answer's text stays as it was.</summary>
public sealed record VoiceRecordingDeleted(Guid InterviewId, Guid RecordingId, ErasureReason Reason, DateTimeOffset DeletedAt);
