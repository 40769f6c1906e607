using Interview.Domain.Common;
using Interview.Domain.Scoring;

namespace Interview.Domain.Sessions;

public sealed record InterviewConfig(
    string Track,
    string Role,
    InterviewLevel Level,
    InterviewType Type,
    Difficulty Difficulty,
    string CompanyStyle,
    IReadOnlyList<string> TechStack,
    int QuestionCount);

public sealed record InterviewCreated(Guid InterviewId, Guid CandidateId, InterviewConfig Config, DateTimeOffset CreatedAt);

public sealed record InterviewStarted(Guid InterviewId, DateTimeOffset StartedAt);

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
    DateTimeOffset At);

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
    DateTimeOffset AnsweredAt);

/// <summary>The interviewer's judgement of a question's answers, made before deciding to follow up or move on.</summary>
public sealed record AnswerAssessed(Guid InterviewId, AnswerAssessment Assessment, string Decision, EngineKind Source, DateTimeOffset At);

public sealed record InterviewClosed(Guid InterviewId, string Text, string Reason, EngineKind Source, DateTimeOffset At);

public sealed record InterviewPaused(Guid InterviewId, DateTimeOffset PausedAt);

public sealed record InterviewResumed(Guid InterviewId, DateTimeOffset ResumedAt);

public sealed record InterviewFinalized(Guid InterviewId, bool EndedEarly, int QuestionsAnswered, DateTimeOffset FinalizedAt);
