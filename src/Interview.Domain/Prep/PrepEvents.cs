using System.Text.Json.Serialization;
using Interview.Domain.Common;
using Interview.Domain.Reports;

namespace Interview.Domain.Prep;

[JsonConverter(typeof(JsonStringEnumConverter<PrepQuestionType>))]
public enum PrepQuestionType
{
    [JsonStringEnumMemberName("technical")] Technical,
    [JsonStringEnumMemberName("behavioral")] Behavioral,
    [JsonStringEnumMemberName("company")] Company
}

/// <summary>One pack question, with its framework and tips; key points and hints let it be scored and asked in a mock interview.</summary>
public sealed record PrepQuestion(
    string Question, PrepQuestionType Type, string AnswerFramework, IReadOnlyList<string> Tips,
    QuestionType RubricCategory, IReadOnlyList<string> KeyPoints, IReadOnlyList<string> FollowUpHints, string? BankQuestionId);

public sealed record PrepInterviewProcess(int Rounds, IReadOnlyList<string> Stages, string Duration);

public sealed record PrepPackContent(
    IReadOnlyList<PrepQuestion> Questions, string CompanyCulture, PrepInterviewProcess InterviewProcess,
    IReadOnlyList<string> InterviewTips, IReadOnlyList<string> CommonTopics, bool IsGeneric);

public sealed record PrepSource(EngineKind Kind, string? Model, string Note);

public sealed record PrepPackGenerated(
    Guid PackId, Guid CandidateId, string Company, string CompanyKey, string? JobTitle, string? Industry, string CacheKey, int Version,
    PrepPackContent Content, PrepSource GeneratedBy, DateTimeOffset GeneratedAt, DateTimeOffset CachedUntil);

/// <summary>A request answered from this pack within its cache window instead of generating a new one.</summary>
public sealed record PrepPackCacheHit(Guid PackId, Guid CandidateId, DateTimeOffset At);

public sealed record PrepPackSaved(Guid PackId, DateTimeOffset At);

public sealed record PrepPackUnsaved(Guid PackId, DateTimeOffset At);

public sealed record PrepQuestionPractised(Guid PackId, int QuestionIndex, string? Answer, AnswerEvaluation? Evaluation, DateTimeOffset At);

public sealed record PrepPackDeleted(Guid PackId, DateTimeOffset At);

/// <summary>
/// On the candidate's cache slot for one company/title/industry: a pack was generated for it and serves it until CachedUntil.
/// The slot's stream id is derived from the candidate and the cache key, so parallel identical requests race on one stream.
/// </summary>
public sealed record PrepPackCached(Guid SlotId, Guid CandidateId, string CacheKey, Guid PackId, int Version, DateTimeOffset CachedUntil);

/// <summary>The pack's inputs (company, title, industry) and content were erased.</summary>
public sealed record PrepPackDataErased(Guid PackId, Guid CandidateId, ErasureReason Reason, DateTimeOffset ErasedAt);
