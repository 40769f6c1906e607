using Interview.Domain.Common;

namespace Interview.Domain.Questions;

/// <summary>A question of the bank, as written in seed/questions/&lt;track&gt;/&lt;company&gt;/&lt;difficulty&gt;.json.</summary>
public sealed record Question(
    string Id,
    string Track,
    string Company,
    Difficulty Difficulty,
    QuestionType Type,
    string Text,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> TechStack,
    IReadOnlyList<string> ExpectedKeyPoints,
    IReadOnlyList<string> FollowUpHints,
    QuestionType RubricCategory,
    string ContentHash);

/// <summary>The loaded question bank, indexed for the picker.</summary>
public sealed class QuestionBank
{
    private readonly Dictionary<string, Question> byId;

    public QuestionBank(IEnumerable<Question> questions)
    {
        All = questions.OrderBy(q => q.Id, StringComparer.Ordinal).ToArray();
        byId = All.ToDictionary(q => q.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Question> All { get; }

    public Question? Find(string? id) => id is not null && byId.TryGetValue(id, out var q) ? q : null;
}
