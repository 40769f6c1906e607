using System.Text.Json;
using System.Text.RegularExpressions;

namespace Interview.Domain.Prep;

public sealed record InterviewRound(string Name, string Description, int DurationMinutes);

public sealed record CompanyInterviewProcess(IReadOnlyList<InterviewRound> Rounds, string TypicalDuration);

public sealed record CompanyQuestion(string Text, string Type, string Framework, IReadOnlyList<string> Tips);

/// <summary>What we wrote about a company in seed/companies/&lt;slug&gt;.json.</summary>
public sealed record CompanyProfile(
    string Slug, string Name, IReadOnlyList<string> Aliases, string Industry, IReadOnlyList<string> Culture, IReadOnlyList<string> Values,
    CompanyInterviewProcess InterviewProcess, IReadOnlyList<string> Tips, IReadOnlyList<string> CommonTopics,
    IReadOnlyList<string> BehavioralFocus, IReadOnlyList<string> TechnicalFocus, IReadOnlyList<CompanyQuestion> CompanyQuestions);

/// <summary>The company data, found by name case- and space-insensitively (aliases included).</summary>
public sealed partial class CompanyCatalog
{
    private readonly Dictionary<string, CompanyProfile> byKey = new(StringComparer.Ordinal);

    public CompanyCatalog(IEnumerable<CompanyProfile> companies)
    {
        All = companies.OrderBy(c => c.Slug, StringComparer.Ordinal).ToArray();
        foreach (var company in All)
            foreach (var name in company.Aliases.Append(company.Name).Append(company.Slug))
                byKey.TryAdd(Key(name), company);
    }

    public IReadOnlyList<CompanyProfile> All { get; }

    public CompanyProfile? Find(string? company) => byKey.GetValueOrDefault(Key(company));

    /// <summary>"  Goldman   Sachs " and "goldman-sachs" meet at "goldmansachs".</summary>
    public static string Key(string? name) => NonAlphanumeric().Replace((name ?? "").ToLowerInvariant(), "");

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses one company file; problems name the file and the field.</summary>
    public static (CompanyProfile? Company, IReadOnlyList<string> Problems) Parse(string file, string json)
    {
        CompanyProfile? company;
        try { company = JsonSerializer.Deserialize<CompanyProfile>(json, Json); }
        catch (JsonException e) { return (null, [$"{file}: malformed JSON at line {e.LineNumber + 1}: {e.Message}"]); }
        var problems = new List<string>();
        void Require(bool ok, string field, string message) { if (!ok) problems.Add($"{file}: field '{field}' {message}"); }
        Require(!string.IsNullOrWhiteSpace(company?.Name), "name", "is required");
        Require(!string.IsNullOrWhiteSpace(company?.Slug), "slug", "is required");
        Require(company?.Culture is { Count: >= 1 }, "culture", "needs at least one paragraph");
        Require(company?.InterviewProcess?.Rounds is { Count: >= 1 }, "interviewProcess.rounds", "needs at least one round");
        Require(company?.Tips is { Count: >= 5 }, "tips", "needs five tips");
        Require(company?.CommonTopics is { Count: >= 5 }, "commonTopics", "needs at least five topics");
        Require(company?.CompanyQuestions is { Count: >= 2 }, "companyQuestions", "needs at least two questions");
        return problems.Count == 0 ? (company! with { Aliases = company.Aliases ?? [] }, problems) : (null, problems);
    }
}
