using System.Text.RegularExpressions;

namespace Interview.Domain.Scoring;

/// <summary>Deterministic text features the offline interviewer and scorer rest on: stems, synonyms, specifics.</summary>
public static partial class TextAnalysis
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "into", "about", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that",
        "these", "those", "i", "we", "you", "he", "she", "they", "me", "us", "my", "our", "your", "their", "them",
        "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should", "may", "might", "must",
        "not", "no", "yes", "what", "which", "who", "whom", "how", "why", "when", "where", "there", "here", "all",
        "any", "each", "such", "than", "too", "very", "just", "also", "more", "most", "some", "other", "own", "same",
        "e", "g", "eg", "ie", "etc", "use", "using", "used", "via", "up", "out", "over", "per", "one", "two"
    };

    // Words a candidate may say for a key point's word; both sides are reduced to the first stem of each group.
    private static readonly string[][] SynonymGroups =
    [
        ["cache", "caching", "memoize", "memoization", "memoise"],
        ["latency", "delay", "response time", "lag"],
        ["scale", "scalability", "scalable", "scaling", "horizontal"],
        ["database", "db", "datastore", "store", "storage", "persistence"],
        ["queue", "queueing", "kafka", "rabbitmq", "sqs", "broker"],
        ["shard", "sharding", "partition", "partitioning"],
        ["replica", "replication", "replicate", "follower"],
        ["hash", "hashmap", "dictionary", "map", "hashtable"],
        ["test", "testing", "tests", "unit", "coverage"],
        ["metric", "metrics", "measure", "measured", "monitoring", "dashboard", "kpi"],
        ["customer", "user", "client", "stakeholder"],
        ["team", "teammate", "colleague", "engineer", "peer"],
        ["result", "outcome", "impact", "improved", "reduced", "increased", "saved"],
        ["learn", "learned", "learnt", "lesson", "reflect", "reflection", "retrospective", "differently"],
        ["conflict", "disagree", "disagreement", "tension", "pushback"],
        ["tradeoff", "trade-off", "trade", "downside", "cost", "versus", "vs"],
        ["complexity", "big-o", "runtime", "asymptotic"],
        ["recursion", "recursive", "recurse"],
        ["iterate", "iterative", "loop"],
        ["consistency", "consistent", "linearizable"],
        ["availability", "available", "uptime", "failover", "redundancy"],
        ["index", "indexes", "indices", "indexing"],
        ["deploy", "deployment", "release", "rollout", "ship", "shipped"],
        ["rollback", "revert", "roll back"],
        ["mentor", "mentoring", "coach", "coaching"],
        ["prioritize", "prioritise", "priority", "priorities", "prioritization"],
        ["requirement", "requirements", "scope", "constraint", "constraints"],
        ["edge", "corner", "boundary"],
        ["api", "endpoint", "interface", "contract"],
        ["load balancer", "load-balancer", "balancer", "nginx", "haproxy"],
        ["idempotent", "idempotency", "deduplicate", "dedupe"],
        ["retry", "retries", "backoff"],
        ["async", "asynchronous", "non-blocking", "background"],
        ["security", "secure", "auth", "authentication", "authorization", "encrypt", "encryption"],
    ];

    private static readonly (string Suffix, string Keep)[] Suffixes =
    [
        ("izations", "iz"), ("ization", "iz"), ("isations", "iz"), ("isation", "iz"), ("ational", "at"),
        ("fulness", "ful"), ("iveness", "iv"), ("ements", ""), ("ement", ""), ("ments", ""), ("ment", ""),
        ("ities", ""), ("ity", ""), ("ingly", ""), ("ings", ""), ("ing", ""), ("ably", ""), ("ibly", ""),
        ("ies", "y"), ("ied", "y"), ("ness", ""), ("able", ""), ("ible", ""), ("ions", ""), ("ion", ""),
        ("ers", ""), ("er", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", ""), ("e", "")
    ];

    private static readonly Dictionary<string, string> Canonical = BuildCanonical();

    private static Dictionary<string, string> BuildCanonical()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in SynonymGroups)
        {
            var head = Stem(group[0]);
            foreach (var word in group.SelectMany(w => Words(w)))
                map.TryAdd(Stem(word), head);
        }
        return map;
    }

    [GeneratedRegex(@"[a-z0-9][a-z0-9+#\-\.]*[a-z0-9+#]|[a-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\d+(\.\d+)?\s*(%|percent|ms|s\b|seconds|minutes|hours|days|weeks|months|x\b|k\b|m\b|users|requests|rps|qps|gb|tb|mb)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\bo\s*\(\s*[^)]{1,20}\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BigOPattern();

    public static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value.Trim('.', '-'));

    /// <summary>A light suffix-stripping stemmer: enough to meet "caching"/"cached"/"caches" at one stem.</summary>
    public static string Stem(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.Length <= 3) return w;
        foreach (var (suffix, keep) in Suffixes)
        {
            if (w.Length - suffix.Length >= 3 && w.EndsWith(suffix, StringComparison.Ordinal))
                return w[..^suffix.Length] + keep;
        }
        return w;
    }


    /// <summary>Content stems of a text with synonyms folded together.</summary>
    public static HashSet<string> Concepts(string text)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            if (StopWords.Contains(word)) continue;
            var stem = Stem(word);
            result.Add(Canonical.GetValueOrDefault(stem, stem));
        }
        return result;
    }

    /// <summary>
    /// Whether an answer covers a key point: at least half of the key point's content concepts
    /// (and at least two when it has two or more) appear in the answer.
    /// </summary>
    public static bool Covers(HashSet<string> answerConcepts, string keyPoint)
    {
        var needed = Concepts(keyPoint);
        if (needed.Count == 0) return false;
        var hits = needed.Count(answerConcepts.Contains);
        var threshold = Math.Max(Math.Min(2, needed.Count), (int)Math.Ceiling(needed.Count * 0.5));
        return hits >= threshold;
    }

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    private static readonly HashSet<string> TechnicalTerms = new(StringComparer.Ordinal)
    {
        "http", "https", "html", "xml", "json", "js", "jsx", "sql", "nosql", "grpc", "crdt", "crdts", "mvcc", "cqrs", "csrf",
        "xss", "tcp", "udp", "dns", "cdn", "ssd", "hdd", "cpu", "gpu", "ram", "jwt", "vm", "vms", "mq", "dfs", "bfs", "bst",
        "lru", "lfu", "ttl", "rpc", "sdk", "tls", "ssl", "ci", "cd", "k8s", "px", "mvp", "yaml", "jvm", "npm", "cli", "ddl", "dml"
    };

    /// <summary>A word the synonym table or the list of technical abbreviations knows.</summary>
    public static bool IsKnownTerm(string word) => TechnicalTerms.Contains(word) || Canonical.ContainsKey(Stem(word));

    public static int WordCount(string text) => Words(text).Count();

    public static int NumberCount(string text) => NumberPattern().Matches(text).Count + BigOPattern().Matches(text).Count;

    private static readonly string[] ReasoningMarkers =
        ["because", "therefore", "so that", "trade-off", "tradeoff", "instead of", "however", "which means", "the reason",
         "as a result", "on the other hand", "alternatively", "in order to", "this ensures", "the downside", "if ", "unless"];

    public static int ReasoningMarkerCount(string text)
    {
        var lower = text.ToLowerInvariant();
        return ReasoningMarkers.Count(lower.Contains);
    }

    /// <summary>The share of the answer's concepts that merely repeat the question.</summary>
    public static double OverlapWithQuestion(string answer, string question)
    {
        var answerConcepts = Concepts(answer);
        if (answerConcepts.Count == 0) return 0;
        var questionConcepts = Concepts(question);
        return answerConcepts.Count(questionConcepts.Contains) / (double)answerConcepts.Count;
    }
}
