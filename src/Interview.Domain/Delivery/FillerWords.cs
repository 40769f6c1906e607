namespace Interview.Domain.Delivery;

/// <summary>
/// Filler words in a transcript, single ("um", "basically") and multi-word ("you know", "kind of"). Words that are
/// fillers only in some uses are decided from their neighbours:
/// <list type="bullet">
/// <item>"like" is a filler when it opens the answer or a clause ("... and like we had ..."), follows another filler,
/// is doubled, or hedges a number ("like five minutes"); after a verb or word that takes it ("I like", "would like",
/// "looks like", "something like", "a queue like Kafka") it is meant.</item>
/// <item>"kind of" / "sort of" are meant after a determiner ("what kind of index", "this sort of problem").</item>
/// <item>"you know" is meant when a clause follows ("you know the answer", "you know how ...").</item>
/// </list>
/// </summary>
public static class FillerWords
{
    public static readonly IReadOnlyList<string> Listed = ["um", "uh", "you know", "sort of", "kind of", "basically", "like"];

    private static readonly Dictionary<string, string> AlwaysFillers = new()
    {
        ["um"] = "um", ["umm"] = "um", ["erm"] = "um", ["uhm"] = "um", ["hmm"] = "um",
        ["uh"] = "uh", ["uhh"] = "uh", ["er"] = "uh", ["ah"] = "uh",
        ["basically"] = "basically"
    };

    private static readonly HashSet<string> ClauseStarts = ["and", "but", "so", "then", "because", "or", "well", "yeah", "okay", "ok", "right"];

    private static readonly HashSet<string> Determiners =
        ["what", "which", "this", "that", "these", "those", "the", "a", "an", "any", "some", "every", "each", "one", "same", "other", "no", "whatever", "all", "of"];

    private static readonly HashSet<string> KnowObjects =
        ["the", "a", "an", "that", "this", "how", "what", "why", "where", "when", "who", "whether", "if", "it", "them", "him", "her", "about", "which", "more", "enough", "exactly", "better"];

    private static readonly HashSet<string> Numbers =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty",
         "forty", "fifty", "sixty", "hundred", "thousand", "million", "a", "half", "a couple", "couple", "few", "several", "maybe"];

    public static bool IsNumber(string word) => Numbers.Contains(word) || word.Length > 0 && char.IsDigit(word[0]);

    /// <summary>The fillers found, each as (canonical filler, index of its first word).</summary>
    public static IReadOnlyList<(string Filler, int Index)> Find(IReadOnlyList<string> words)
    {
        var found = new List<(string, int)>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var next = i + 1 < words.Count ? words[i + 1] : null;
            var previous = i > 0 ? words[i - 1] : null;
            if (AlwaysFillers.TryGetValue(word, out var canonical))
                found.Add((canonical, i));
            else if (word == "you" && next == "know" && !KnowsSomething(words, i + 2))
            {
                found.Add(("you know", i));
                i++;
            }
            else if ((word == "kind" || word == "sort") && next == "of" && (previous is null || !Determiners.Contains(previous)))
            {
                found.Add(($"{word} of", i));
                i++;
            }
            else if (word == "like" && LikeIsFiller(words, i, found))
                found.Add(("like", i));
        }
        return found;
    }

    private static bool KnowsSomething(IReadOnlyList<string> words, int after) =>
        after < words.Count && KnowObjects.Contains(words[after]);

    private static bool LikeIsFiller(IReadOnlyList<string> words, int i, List<(string Filler, int Index)> foundSoFar)
    {
        var previous = i > 0 ? words[i - 1] : null;
        var next = i + 1 < words.Count ? words[i + 1] : null;
        if (previous is null) return next is not null;
        if (previous == "like") return true;
        if (ClauseStarts.Contains(previous)) return true;
        if (foundSoFar.Count > 0 && foundSoFar[^1].Index + foundSoFar[^1].Filler.Split(' ').Length == i) return true;
        return next is not null && IsNumber(next) && !TakesLike(previous);
    }

    // Words after which "like" is a verb or a preposition ("I like", "looks like", "something like ten").
    private static bool TakesLike(string previous) =>
        previous is "i" or "you" or "we" or "they" or "would" or "d" or "really" or "don't" or "didn't" or "do" or "does" or "did"
            or "to" or "something" or "anything" or "nothing" or "things" or "feel" or "feels" or "felt" or "look" or "looks"
            or "looked" or "seem" or "seems" or "seemed" or "sound" or "sounds" or "sounded" or "just" or "more" or "much"
            or "not" or "would've" or "i'd" or "we'd" or "they'd" or "you'd" or "also";
}
