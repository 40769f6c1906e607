using Interview.Domain.Common;

namespace Interview.Domain.Reports;

public sealed record CriterionScore(string Name, string Title, int Score, string Level, string Evidence);

/// <summary>One answer's evaluation: per-criterion anchored scores with evidence, or why it was not scored.</summary>
public sealed record AnswerEvaluation(
    string QuestionId,
    string Question,
    QuestionType Category,
    int Score,
    IReadOnlyList<CriterionScore> Criteria,
    string? NotScoredReason,
    IReadOnlyList<string> KeyPointsCovered,
    IReadOnlyList<string> KeyPointsMissed,
    IReadOnlyList<string> Tags);

public sealed record Breakdown(int? TechnicalDepth, int? Communication, int? ProblemSolving);

public sealed record StudyItem(string Topic, string Reason, string Exercise);

public sealed record ScoredBy(EngineKind Kind, string? Model, string PromptVersion, string RubricVersion, string? Note = null);

public sealed record InterviewReport(
    int Version,
    int OverallScore,
    Breakdown Breakdown,
    IReadOnlyList<AnswerEvaluation> Answers,
    IReadOnlyList<string> Strengths,
    IReadOnlyList<string> Weaknesses,
    IReadOnlyList<string> Recommendations,
    IReadOnlyList<StudyItem> StudyPlan,
    ScoredBy ScoredBy,
    bool EndedEarly,
    int QuestionsAnswered,
    int QuestionsPlanned,
    string? Note,
    DateTimeOffset GeneratedAt,
    Delivery.InterviewDelivery? Delivery = null);

/// <summary>What a scorer needs of one question: its text, rubric category, key points, tags and everything the candidate said on it.</summary>
public sealed record AnswerToScore(string QuestionId, string Question, QuestionType Category, IReadOnlyList<string> KeyPoints,
    IReadOnlyList<string> Tags, IReadOnlyList<string> Answers)
{
    public string Text => string.Join("\n", Answers);
}
