using Interview.Domain.Common;
using Interview.Domain.Questions;

namespace Interview.Domain.Prep;

public sealed record PrepCandidate(string? TargetRole, int ExperienceYears, IReadOnlyList<string> Skills);

/// <summary>
/// Assembles a prep pack offline from the company data and the question bank, personalised by the candidate's role,
/// experience and skills: four technical, three behavioural and three company-specific questions. Deterministic.
/// </summary>
public static class PrepPackBuilder
{
    public const int TechnicalCount = 4;
    public const int BehavioralCount = 3;
    public const int CompanyCount = 3;

    public static string Track(string? jobTitle, string? targetRole)
    {
        var title = $"{jobTitle} {targetRole}".ToLowerInvariant();
        return title switch
        {
            _ when title.Contains("intern") || title.Contains("graduate") || title.Contains("junior") => "swe_intern",
            _ when title.Contains("manager") || title.Contains("director") || title.Contains("head of") => "engineering_manager",
            _ when title.Contains("front") || title.Contains("ui") || title.Contains("web") || title.Contains("react") => "frontend",
            _ when title.Contains("data") || title.Contains("machine learning") || title.Contains("ml ") || title.Contains("analyst") => "data",
            _ when title.Contains("back") || title.Contains("platform") || title.Contains("api") || title.Contains("infrastructure") => "backend",
            _ => "swe_engineer"
        };
    }

    public static Difficulty DifficultyFor(int experienceYears) => experienceYears switch
    {
        <= 1 => Difficulty.Easy,
        <= 4 => Difficulty.Medium,
        <= 9 => Difficulty.Hard,
        _ => Difficulty.Expert
    };

    public static PrepPackContent Build(string company, string? jobTitle, string? industry, CompanyProfile? profile, QuestionBank bank, PrepCandidate candidate)
    {
        var track = Track(jobTitle, candidate.TargetRole);
        var difficulty = DifficultyFor(candidate.ExperienceYears);
        var style = profile is not null && Catalog.CompanyStyles.Contains(profile.Slug) ? profile.Slug : Catalog.GeneralCompany;
        var skills = candidate.Skills.Select(Catalog.Normalize).ToHashSet();

        var technical = Pick(bank, [QuestionType.Technical, QuestionType.Dsa, QuestionType.SystemDesign], track, style, difficulty, skills, TechnicalCount);
        var behavioral = Pick(bank, [QuestionType.Behavioral], track, style, difficulty, skills, BehavioralCount);
        var questions = technical.Select(q => FromBank(q, PrepQuestionType.Technical, skills))
            .Concat(behavioral.Select(q => FromBank(q, PrepQuestionType.Behavioral, skills)))
            .Concat(CompanyQuestions(company, profile))
            .ToArray();

        return profile is null
            ? new PrepPackContent(questions, GenericCulture(company, industry), GenericProcess, GenericTips(company), GenericTopics(track), IsGeneric: true)
            : new PrepPackContent(questions, string.Join("\n\n", profile.Culture),
                new PrepInterviewProcess(profile.InterviewProcess.Rounds.Count,
                    profile.InterviewProcess.Rounds.Select(r => $"{r.Name} ({r.DurationMinutes} min): {r.Description}").ToArray(),
                    profile.InterviewProcess.TypicalDuration),
                profile.Tips.Take(5).ToArray(), profile.CommonTopics.Take(6).ToArray(), IsGeneric: false);
    }

    /// <summary>Bank questions for the track (then any track), company style first, nearest difficulty, the candidate's stack first, varied tags.</summary>
    private static IReadOnlyList<Question> Pick(QuestionBank bank, QuestionType[] types, string track, string style, Difficulty difficulty,
        HashSet<string> skills, int count)
    {
        var ranked = bank.All.Where(q => types.Contains(q.Type))
            .OrderByDescending(q => (q.Track == track ? 6 : 0) + (q.Company == style ? 4 : q.Company == Catalog.GeneralCompany ? 1 : -3)
                                    - 3 * Math.Abs((int)q.Difficulty - (int)difficulty) + 3 * q.TechStack.Count(skills.Contains)
                                    - (q.TechStack.Count > 0 && skills.Count > 0 && !q.TechStack.Any(skills.Contains) ? 2 : 0))
            .ThenBy(q => q.Id, StringComparer.Ordinal)
            .ToArray();
        var picked = new List<Question>();
        var tags = new HashSet<string>();
        var typesUsed = new HashSet<QuestionType>();
        foreach (var q in ranked)
        {
            if (picked.Count == count) break;
            if (q.Tags.Any(tags.Contains) || (types.Length > 1 && typesUsed.Contains(q.Type) && typesUsed.Count < types.Length)) continue;
            picked.Add(q);
            tags.UnionWith(q.Tags);
            typesUsed.Add(q.Type);
        }
        foreach (var q in ranked.Where(q => !picked.Contains(q)).Take(count - picked.Count)) picked.Add(q);
        return picked;
    }

    private static PrepQuestion FromBank(Question q, PrepQuestionType type, HashSet<string> skills)
    {
        var tips = new List<string> { $"Make sure to cover: {string.Join("; ", q.ExpectedKeyPoints.Take(3))}." };
        tips.AddRange(q.FollowUpHints.Take(2).Select(h => $"Be ready for the follow-up: {h}"));
        var mine = q.TechStack.Where(skills.Contains).ToArray();
        if (mine.Length > 0) tips.Add($"Ground it in your own {string.Join(" and ", mine)} experience with one concrete example.");
        return new PrepQuestion(q.Text, type, Framework(q.Type), tips, q.RubricCategory, q.ExpectedKeyPoints, q.FollowUpHints, q.Id);
    }

    public static string Framework(QuestionType type) => type switch
    {
        QuestionType.Behavioral => "STAR: Situation (one or two sentences of context), Task (your responsibility), Action (what you did, in the first person, and why), Result (measured impact), then what you learned.",
        QuestionType.SystemDesign => "Clarify requirements and scale with numbers, sketch the API and data model, walk through the components, then scale the bottleneck and discuss trade-offs and failure modes.",
        QuestionType.Dsa => "Restate the problem with an example, give the brute force, improve it, state time and space complexity, cover edge cases, then code and test on your example.",
        _ => "Answer in one sentence first, then explain the mechanism, give a concrete example from your work, and close with the trade-offs or when you would not use it."
    };

    private static IEnumerable<PrepQuestion> CompanyQuestions(string company, CompanyProfile? profile)
    {
        if (profile is not null)
            return profile.CompanyQuestions.Take(CompanyCount).Select(q => new PrepQuestion(q.Text, PrepQuestionType.Company, q.Framework, q.Tips,
                EnumText.TryParseWire<QuestionType>(q.Type, out var category) ? category : QuestionType.Behavioral,
                q.Tips.ToArray(), [], null));
        return
        [
            new($"Why do you want to work at {company}, and why this role?", PrepQuestionType.Company,
                "Connect three things: what the company does and is known for, what the role needs, and concrete evidence from your own experience.",
                [$"Read {company}'s recent product announcements and mention one.", "Avoid generic praise; name a specific product, customer or challenge."],
                QuestionType.Behavioral, ["names a specific product or customer", "links the role to own experience", "explains motivation concretely"], [], null),
            new($"What do you know about {company}'s customers and how would your work help them?", PrepQuestionType.Company,
                "Describe the customer, their problem, how the company solves it, and where your skills would make a difference.",
                ["Look at the company's customer stories or case studies.", "Tie one of your past projects to a customer problem they have."],
                QuestionType.Behavioral, ["identifies the customers", "describes their problem", "connects own skills to it"], [], null),
            new($"Tell me about a product or engineering decision at {company} (or a company like it) you would have made differently.", PrepQuestionType.Company,
                "State the decision, the likely reasons behind it, your alternative, and the trade-offs of both, respectfully.",
                ["Show that you understand constraints before criticising.", "Keep it constructive and specific."],
                QuestionType.Behavioral, ["states the decision", "understands the constraints", "proposes an alternative with trade-offs"], [], null)
        ];
    }

    private static string GenericCulture(string company, string? industry) =>
        $"This is a generic pack: we have no researched profile for {company} yet, so the culture notes below are general guidance. " +
        $"Before the interview, read {company}'s careers page, engineering blog and recent news{(string.IsNullOrWhiteSpace(industry) ? "" : $" about the {industry} industry")}, " +
        "and note the values they repeat: most companies ask behavioural questions that map directly onto them.\n\n" +
        "Across well-run engineering organisations, interviewers look for ownership of outcomes, clear communication of trade-offs, " +
        "collaboration across functions and a habit of learning from mistakes. Prepare stories that show each of these with measured results.";

    private static readonly PrepInterviewProcess GenericProcess = new(4,
        ["Recruiter screen (30 min): background, motivation and logistics.", "Technical screen (45-60 min): coding or a technical discussion.",
         "Interview loop (3-5 hours): coding, system design and behavioural interviews.", "Hiring decision and offer (1-2 weeks)."],
        "typically 3-6 weeks from application to offer");

    private static IReadOnlyList<string> GenericTips(string company) =>
    [
        $"Research {company}'s products, customers and recent news, and prepare one question for each interviewer.",
        "Prepare six STAR stories (conflict, failure, leadership, ambiguity, impact, learning) with numbers in the results.",
        "Practise thinking aloud: state assumptions, outline your approach, then go deeper.",
        "For design questions, start from requirements and scale before drawing components.",
        "Close each answer with what you learned or would do differently."
    ];

    private static IReadOnlyList<string> GenericTopics(string track) => track switch
    {
        "frontend" => ["JavaScript and TypeScript fundamentals", "rendering performance", "state management", "accessibility", "front-end system design"],
        "data" => ["SQL and window functions", "data modelling", "pipelines and orchestration", "statistics and experimentation", "data quality"],
        "engineering_manager" => ["people management", "hiring", "delivery and prioritisation", "technical strategy", "incident management"],
        _ => ["data structures and algorithms", "system design", "APIs and databases", "concurrency and reliability", "behavioural stories"]
    };
}
