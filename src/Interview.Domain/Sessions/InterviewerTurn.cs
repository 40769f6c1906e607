using System.Text.Json.Serialization;
using Interview.Domain.Common;
using Interview.Domain.Scoring;

namespace Interview.Domain.Sessions;

[JsonConverter(typeof(JsonStringEnumConverter<LineKind>))]
public enum LineKind
{
    [JsonStringEnumMemberName("greeting")] Greeting,
    [JsonStringEnumMemberName("warmUp")] WarmUp,
    [JsonStringEnumMemberName("question")] Question,
    [JsonStringEnumMemberName("followUp")] FollowUp,
    [JsonStringEnumMemberName("closing")] Closing
}

/// <summary>One thing the interviewer says, with why.</summary>
public sealed record InterviewerLine(
    LineKind Kind,
    string Text,
    string Reason,
    string? QuestionId = null,
    QuestionType? Type = null,
    Difficulty? Difficulty = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? TargetKeyPoints = null,
    GeneratedQuestion? Generated = null);

/// <summary>
/// A proposed interviewer turn answering turn request <paramref name="TurnRequest"/>.
/// The engine (offline or LLM) only proposes: <see cref="InterviewDecider.ApplyTurn"/> decides what is appended.
/// </summary>
public sealed record InterviewerTurn(
    Guid InterviewId,
    int TurnRequest,
    AnswerAssessment? Assessment,
    string? AssessmentDecision,
    IReadOnlyList<InterviewerLine> Lines,
    EngineKind Source,
    IReadOnlyList<LlmCallRecorded>? LlmCalls = null);
