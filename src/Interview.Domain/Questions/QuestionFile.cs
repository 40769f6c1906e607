using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Interview.Domain.Common;

namespace Interview.Domain.Questions;

/// <summary>Parses and validates one seed file; every problem names the file, the question and the field.</summary>
public static class QuestionFile
{
    public sealed record Problem(string File, string? QuestionId, string Field, string Message)
    {
        public override string ToString() =>
            $"{File}: question '{QuestionId ?? "?"}', field '{Field}': {Message}";
    }

    private sealed record RawFile(List<RawQuestion>? Questions);

    private sealed record RawQuestion(
        string? Id, string? Text, string? Type, List<string>? Tags, List<string>? TechStack,
        List<string>? ExpectedKeyPoints, List<string>? FollowUpHints, string? RubricCategory);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true
    };

    /// <param name="relativePath">The path under seed/questions, e.g. backend/amazon/hard.json.</param>
    public static (IReadOnlyList<Question> Questions, IReadOnlyList<Problem> Problems) Parse(string relativePath, string json)
    {
        var problems = new List<Problem>();
        var parts = relativePath.Replace('\\', '/').Split('/');
        if (parts.Length != 3)
            return ([], [new Problem(relativePath, null, "path", "expected <track>/<company>/<difficulty>.json")]);

        var (track, company, difficultyName) = (parts[0], parts[1], Path.GetFileNameWithoutExtension(parts[2]));
        if (!Catalog.Tracks.Contains(track))
            problems.Add(new Problem(relativePath, null, "track", $"unknown track '{track}'"));
        if (!Catalog.CompanyStyles.Contains(company))
            problems.Add(new Problem(relativePath, null, "company", $"unknown company '{company}'"));
        if (!EnumText.TryParseWire<Difficulty>(difficultyName, out var difficulty))
            problems.Add(new Problem(relativePath, null, "difficulty", $"unknown difficulty '{difficultyName}'"));

        RawFile? raw;
        try
        {
            raw = JsonSerializer.Deserialize<RawFile>(json, Json);
        }
        catch (JsonException e)
        {
            return ([], [new Problem(relativePath, null, "json", $"malformed JSON at line {e.LineNumber + 1}: {e.Message}")]);
        }

        if (raw?.Questions is null || raw.Questions.Count == 0)
            problems.Add(new Problem(relativePath, null, "questions", "the file must hold a non-empty 'questions' array"));

        var questions = new List<Question>();
        foreach (var (rawQuestion, index) in (raw?.Questions ?? []).Select((q, i) => (q, i)))
        {
            var id = string.IsNullOrWhiteSpace(rawQuestion.Id) ? $"#{index + 1}" : rawQuestion.Id.Trim();
            void Fail(string field, string message) => problems.Add(new Problem(relativePath, id, field, message));

            if (string.IsNullOrWhiteSpace(rawQuestion.Id)) Fail("id", "is required");
            if (string.IsNullOrWhiteSpace(rawQuestion.Text)) Fail("text", "is required");
            if (!EnumText.TryParseWire<QuestionType>(rawQuestion.Type, out var type))
                Fail("type", $"'{rawQuestion.Type}' is not one of {string.Join(", ", EnumText.WireNames<QuestionType>())}");
            if (!EnumText.TryParseWire<QuestionType>(rawQuestion.RubricCategory, out var rubric))
                Fail("rubricCategory", $"'{rawQuestion.RubricCategory}' is not one of {string.Join(", ", EnumText.WireNames<QuestionType>())}");
            if (rawQuestion.Tags is null || rawQuestion.Tags.Count == 0 || rawQuestion.Tags.Any(string.IsNullOrWhiteSpace))
                Fail("tags", "needs at least one non-empty tag");
            if (rawQuestion.ExpectedKeyPoints is null || rawQuestion.ExpectedKeyPoints.Count == 0 || rawQuestion.ExpectedKeyPoints.Any(string.IsNullOrWhiteSpace))
                Fail("expectedKeyPoints", "needs at least one non-empty key point");
            if (rawQuestion.FollowUpHints is null || rawQuestion.FollowUpHints.Count == 0 || rawQuestion.FollowUpHints.Any(string.IsNullOrWhiteSpace))
                Fail("followUpHints", "needs at least one non-empty follow-up hint");
            if (rawQuestion.TechStack?.Any(string.IsNullOrWhiteSpace) == true)
                Fail("techStack", "holds an empty entry");

            if (problems.Any(p => p.QuestionId == id) || problems.Any(p => p.QuestionId is null)) continue;

            var question = new Question(
                id, track, company, difficulty, type, rawQuestion.Text!.Trim(),
                rawQuestion.Tags!.Select(Catalog.Normalize).ToArray(),
                (rawQuestion.TechStack ?? []).Select(Catalog.Normalize).ToArray(),
                rawQuestion.ExpectedKeyPoints!.Select(k => k.Trim()).ToArray(),
                rawQuestion.FollowUpHints!.Select(h => h.Trim()).ToArray(),
                rubric, "");
            questions.Add(question with { ContentHash = Hash(question) });
        }

        foreach (var duplicate in questions.GroupBy(q => q.Id).Where(g => g.Count() > 1))
            problems.Add(new Problem(relativePath, duplicate.Key, "id", "is used more than once in the file"));

        return (problems.Count == 0 ? questions : [], problems);
    }

    private static string Hash(Question q)
    {
        var canonical = string.Join("\u001f",
            q.Id, q.Track, q.Company, q.Difficulty, q.Type, q.Text, string.Join("|", q.Tags), string.Join("|", q.TechStack),
            string.Join("|", q.ExpectedKeyPoints), string.Join("|", q.FollowUpHints), q.RubricCategory);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }
}
