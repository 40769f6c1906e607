using System.Text.RegularExpressions;
using Interview.Domain.Common;
using Interview.Domain.Reports;

namespace Interview.Domain.Scoring;

/// <summary>
/// The deterministic rubric scorer: key-point coverage (stems and synonyms), STAR structure, specifics, reasoning and
/// trade-off markers, complexity and edge cases, and length sanity. Every criterion score cites the answer's words it
/// rests on, or the key point that is missing. Answers that cannot be assessed get a reason and zero, never strengths.
/// </summary>
public static partial class OfflineScorer
{
    public const string EngineVersion = "offline-scorer-v1";

    private static readonly string[] StarKeyPointPrefixes =
        ["describes the situation", "explains own specific actions", "quantifies the result", "reflects on what they learned"];

    /// <summary>Scores every answer of an interview; an answer is also compared with the answers to the questions before it.</summary>
    public static IReadOnlyList<AnswerEvaluation> EvaluateAll(IReadOnlyList<AnswerToScore> answers) =>
        answers.Select((answer, i) => Evaluate(answer, answers.Take(i).SelectMany(a => a.Answers).ToArray())).ToArray();

    public static AnswerEvaluation Evaluate(AnswerToScore answer) => Evaluate(answer, []);

    public static AnswerEvaluation Evaluate(AnswerToScore answer, IReadOnlyList<string> earlierAnswers)
    {
        // A follow-up answered with what was already said adds nothing: it is left out, not held against the answer.
        answer = answer with { Answers = WithoutRepeats(answer.Answers) };
        var text = answer.Text.Trim();
        var specificKeyPoints = answer.Category == QuestionType.Behavioral
            ? answer.KeyPoints.Where(k => !StarKeyPointPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToArray()
            : answer.KeyPoints.ToArray();
        var concepts = TextAnalysis.Concepts(text);
        var covered = specificKeyPoints.Where(k => TextAnalysis.Covers(concepts, k)).ToArray();
        var missed = specificKeyPoints.Except(covered).ToArray();

        var notScored = InputGate(answer, text, concepts, covered.Length, earlierAnswers);
        if (notScored is not null)
            return new AnswerEvaluation(answer.QuestionId, answer.Question, answer.Category, 0, [], notScored, [], specificKeyPoints, answer.Tags);

        var features = new Features(text, Sentences(text), TextAnalysis.WordCount(text),
            specificKeyPoints.Length == 0 ? 0.5 : covered.Length / (double)specificKeyPoints.Length, covered, missed);
        var rubric = Rubrics.ByCategory[answer.Category];
        var criteria = rubric.Select(c =>
        {
            var (score, evidence) = Score(c.Name, answer.Category, features);
            if (features.Words < 20) score = Math.Min(score, 2);
            return new CriterionScore(c.Name, c.Title, score, c.Descriptor(score), evidence);
        }).ToArray();
        return new AnswerEvaluation(answer.QuestionId, answer.Question, answer.Category, AnswerScore(rubric, criteria), criteria, null,
            covered, missed, answer.Tags);
    }

    /// <summary>0-100 from the weighted mean of the 1-5 criterion scores: (mean - 1) / 4 * 100.</summary>
    public static int AnswerScore(IReadOnlyList<Criterion> rubric, IReadOnlyList<CriterionScore> criteria)
    {
        var weighted = rubric.Sum(c => c.Weight * (criteria.FirstOrDefault(s => s.Name == c.Name)?.Score ?? 1));
        return (int)Math.Round((weighted / rubric.Sum(c => c.Weight) - 1) / 4 * 100);
    }

    private sealed record Features(string Text, IReadOnlyList<string> Sentences, int Words, double Coverage,
        IReadOnlyList<string> Covered, IReadOnlyList<string> Missed);

    private static string? InputGate(AnswerToScore answer, string text, HashSet<string> concepts, int covered, IReadOnlyList<string> earlierAnswers)
    {
        if (text.Length == 0) return "empty answer";
        var words = TextAnalysis.Words(text).ToArray();
        var known = TextAnalysis.Concepts(answer.Question + " " + string.Join(" ", answer.KeyPoints) + " " + string.Join(" ", answer.Tags));
        if (ReadableText.Problem(text, known) is { } unreadable) return $"gibberish: the answer is not readable text ({unreadable})";
        if (words.Length < 4) return $"too short to assess ({words.Length} words)";
        if (answer.Answers.Count > 0 && earlierAnswers.Any(earlier => IsRepeat(answer.Answers[0], earlier)))
            return "repeat: the answer repeats an earlier answer";
        var copied = TextAnalysis.OverlapWithQuestion(text, answer.Question);
        if (copied >= 0.8 && words.Length <= TextAnalysis.WordCount(answer.Question) + 6)
            return "the answer only repeats the question";
        // Terse answers may name a technique the question does not (a Bloom filter): only longer ones are called off-topic.
        if (answer.Category != QuestionType.Behavioral && covered == 0 && words.Length >= 12 && !concepts.Any(known.Contains))
            return "off-topic: the answer does not address the question";
        return null;
    }

    private static IReadOnlyList<string> WithoutRepeats(IReadOnlyList<string> answers)
    {
        var kept = new List<string>();
        foreach (var text in answers)
            if (!kept.Any(earlier => IsRepeat(text, earlier))) kept.Add(text);
        return kept;
    }

    /// <summary>The same words again (nearly all of them, in any order): a pasted or retyped earlier answer.</summary>
    public static bool IsRepeat(string answer, string earlier)
    {
        var (a, b) = (TextAnalysis.Words(answer).ToHashSet(), TextAnalysis.Words(earlier).ToHashSet());
        if (a.Count == 0 || b.Count == 0) return false;
        if (a.SetEquals(b)) return true;
        return a.Count >= 4 && a.Intersect(b).Count() >= 0.9 * a.Union(b).Count();
    }

    private static (int, string) Score(string criterion, QuestionType category, Features f) => criterion switch
    {
        "correctness" or "approach" => Coverage(f),
        "components" => (Band(f.Coverage * 5 + Math.Min(Distinct(f.Text, ComponentWords), 5) * 0.35, [1.2, 2.2, 3.2, 4.2]),
            EvidenceFor(f, ComponentWords) ?? MissingEvidence(f)),
        "depth" => (Band(f.Coverage * 3 + Math.Min(TextAnalysis.NumberCount(f.Text), 2) * 0.5 + Math.Min(TextAnalysis.ReasoningMarkerCount(f.Text), 3) * 0.4
                + (f.Words >= 90 ? 1 : f.Words >= 45 ? 0.5 : 0), [1.0, 2.0, 3.0, 4.0]),
            SentenceWithNumber(f) ?? EvidenceFor(f, ReasoningWords) ?? MissingEvidence(f)),
        "clarity" or "communication" => Clarity(f),
        "tradeoffs" => Markers(f, TradeOffWords, "no trade-off or alternative is discussed", f.Coverage >= 0.5),
        "requirements" => Markers(f, RequirementWords, "no requirements or scale are stated", TextAnalysis.NumberCount(f.Text) > 0),
        "scalability" => Markers(f, ScalabilityWords, "no scaling technique is discussed", f.Coverage >= 0.5),
        "complexity" => Complexity(f),
        "edge_cases" => Markers(f, EdgeCaseWords, "no edge cases are mentioned", f.Coverage >= 0.5),
        "situation_task" => Markers(f, SituationWords, "no concrete situation or task is described", f.Words >= 60),
        "actions" => Actions(f),
        "result_impact" => Result(f),
        "reflection" => Markers(f, ReflectionWords, "no reflection on what was learned", false, oneMarkerScore: 3),
        _ => (1, "not assessed")
    };

    private static (int, string) Coverage(Features f) =>
        (f.Coverage switch { >= 0.8 => 5, >= 0.6 => 4, >= 0.4 => 3, >= 0.2 => 2, _ => 1 },
         f.Covered.Count > 0
             ? $"covers \"{f.Covered[0]}\": {Quote(BestSentence(f, f.Covered[0]))}" + (f.Missed.Count > 0 ? $"; missing key point: {f.Missed[0]}" : "")
             : MissingEvidence(f));

    private static (int, string) Clarity(Features f)
    {
        var score = 1;
        var averageSentence = f.Words / (double)Math.Max(1, f.Sentences.Count);
        if (f.Words >= 25) score++;
        if (averageSentence is >= 6 and <= 35) score++;
        var structure = Count(f.Text, StructureWords);
        if (structure >= 1) score++;
        if (structure >= 3 && f.Coverage >= 0.4) score++;
        return (Math.Min(score, 5), EvidenceFor(f, StructureWords) ?? Quote(f.Sentences.FirstOrDefault() ?? f.Text));
    }

    private static (int, string) Markers(Features f, string[] markers, string missing, bool allowTop, int oneMarkerScore = 2)
    {
        var count = Distinct(f.Text, markers);
        var score = count switch { 0 => 1, 1 => oneMarkerScore, 2 => 3, 3 or 4 => 4, _ => allowTop ? 5 : 4 };
        if (score == 4 && count >= 3 && allowTop && count >= 4) score = 5;
        return (score, EvidenceFor(f, markers) ?? missing);
    }

    private static (int, string) Complexity(Features f)
    {
        var bigO = BigO().Matches(f.Text).Select(m => m.Value).Distinct().ToArray();
        var lower = f.Text.ToLowerInvariant();
        var time = lower.Contains("time") || lower.Contains("linear") || lower.Contains("constant") || lower.Contains("logarithmic");
        var space = lower.Contains("space") || lower.Contains("memory");
        var score = bigO.Length switch
        {
            0 => lower.Contains("complexity") || lower.Contains("efficient") || lower.Contains("fast") ? 2 : 1,
            1 => time && space ? 4 : 3,
            _ => time && space ? 5 : 4
        };
        return (score, bigO.Length > 0 ? Quote(BestSentence(f, bigO[0])) : "no time or space complexity is stated");
    }

    private static (int, string) Actions(Features f)
    {
        var actions = FirstPersonAction().Matches(f.Text).Count;
        var signal = Math.Min(actions, 5) * 0.6 + f.Coverage * 2.5;
        var score = Band(signal, [0.6, 1.8, 2.8, 3.8]);
        var evidence = FirstPersonAction().Match(f.Text) is { Success: true } m ? Quote(SentenceContaining(f, m.Value)) : "no actions in the first person";
        return (score, f.Missed.Count > 0 ? $"{evidence}; missing: {f.Missed[0]}" : evidence);
    }

    private static (int, string) Result(Features f)
    {
        var numbers = TextAnalysis.NumberCount(f.Text);
        var results = Distinct(f.Text, ResultWords);
        var score = (numbers, results) switch
        {
            (0, 0) => 1,
            (0, _) => 2,
            (1, 0) => 2,
            (1, _) => 3,
            (2, _) => 4,
            _ => results > 0 ? 5 : 4
        };
        return (score, SentenceWithNumber(f) ?? EvidenceFor(f, ResultWords) ?? "no result or impact is given");
    }

    private static int Band(double signal, double[] thresholds) => 1 + thresholds.Count(t => signal >= t);

    private static string MissingEvidence(Features f) =>
        f.Missed.Count > 0 ? $"missing key point: {f.Missed[0]}" : "the answer gives little to assess";

    private static string? SentenceWithNumber(Features f) =>
        f.Sentences.FirstOrDefault(s => TextAnalysis.NumberCount(s) > 0) is { } s ? Quote(s) : null;

    private static string? EvidenceFor(Features f, string[] markers) =>
        f.Sentences.FirstOrDefault(s => markers.Any(m => Contains(s, m))) is { } s ? Quote(s) : null;

    private static string BestSentence(Features f, string keyPoint)
    {
        var wanted = TextAnalysis.Concepts(keyPoint);
        return f.Sentences.OrderByDescending(s => TextAnalysis.Concepts(s).Count(wanted.Contains)).FirstOrDefault() ?? f.Text;
    }

    private static string SentenceContaining(Features f, string fragment) =>
        f.Sentences.FirstOrDefault(s => s.Contains(fragment, StringComparison.OrdinalIgnoreCase)) ?? fragment;

    private static string Quote(string sentence)
    {
        var trimmed = sentence.Trim();
        return "\"" + (trimmed.Length <= 180 ? trimmed : trimmed[..177] + "...") + "\"";
    }

    public static IReadOnlyList<string> Sentences(string text) =>
        SentenceSplit().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

    private static int Count(string text, string[] markers) => markers.Count(m => Contains(text, m));

    private static int Distinct(string text, string[] markers) => Count(text, markers);

    private static bool Contains(string text, string marker) =>
        Regex.IsMatch(text, $@"(?<![a-z]){Regex.Escape(marker)}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceSplit();

    [GeneratedRegex(@"\bO\s*\(\s*[^)]{1,20}\)", RegexOptions.IgnoreCase)]
    private static partial Regex BigO();

    [GeneratedRegex(@"\bI(?:'ve| have)?\s+(?:then\s+|also\s+|first\s+|personally\s+)?(?:[a-z]+ed|set|built|wrote|led|met|made|took|gave|spoke|sat|split|ran|chose|drove|found|began|brought|sent|put|kept|told|taught|broke|went|got|did|wrote|proposed|asked|talked|decided)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPersonAction();

    private static readonly string[] TradeOffWords =
        ["trade-off", "tradeoff", "trade off", "however", "downside", "drawback", "on the other hand", "versus", " vs", "depends on",
         "at the cost of", "instead of", "the cost", "pros", "cons", "slower", "but it", "whereas", "alternatively", "risk"];

    private static readonly string[] RequirementWords =
        ["requirement", "clarify", "users", "per second", "qps", "rps", "latency", "availability", "assume", "estimate", "million",
         "non-functional", "sla", "throughput", "peak", "scope"];

    private static readonly string[] ScalabilityWords =
        ["shard", "partition", "replica", "replicat", "horizontal", "scale out", "cache", "cdn", "load balanc", "stateless",
         "autoscal", "queue", "backpressure", "rate limit", "fan-out", "batch"];

    private static readonly string[] ComponentWords =
        ["queue", "database", "cache", "service", "worker", "api", "load balancer", "gateway", "storage", "index", "cdn", "broker",
         "ledger", "scheduler", "table", "topic", "consumer", "webhook"];

    private static readonly string[] EdgeCaseWords =
        ["edge case", "empty", "null", "duplicate", "negative", "overflow", "single element", "zero", "invalid", "boundary",
         "no solution", "not found", "capacity", "tie", "corner case", "missing"];

    private static readonly string[] SituationWords =
        ["when i", "at my", "in my", "our team", "we were", "the project", "last year", "previous", "company", "goal", "deadline",
         "situation", "my task", "responsible", "semester", "course", "customer", "client"];

    private static readonly string[] ResultWords =
        ["result", "outcome", "impact", "improved", "reduced", "increased", "delivered", "shipped", "saved", "finished", "on time",
         "grade", "launched", "dropped", "grew", "promoted", "fewer", "faster"];

    private static readonly string[] ReflectionWords =
        ["learned", "learnt", "lesson", "next time", "differently", "in hindsight", "looking back", "realized", "realised",
         "taught me", "since then", "would have", "now i"];

    private static readonly string[] StructureWords =
        ["first", "then", "finally", "for example", "because", "so that", "second", "next", "in short", "to summarize", "which means"];

    private static readonly string[] ReasoningWords = ["because", "so that", "which means", "therefore", "the reason"];
}
