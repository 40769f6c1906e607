namespace Interview.Domain.Scoring;

/// <summary>
/// Whether an answer is readable text at all, without a dictionary: keyboard walks, random letter strings, repeated
/// syllables, lorem ipsum, emoji and punctuation noise and pasted code are told apart from terse but real answers by
/// the shape of their words. Words the question, its key points or the synonym table know are never held against it.
/// </summary>
public static class ReadableText
{
    private static readonly string[] KeyboardRows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

    private static readonly HashSet<string> Lorem = new(StringComparer.Ordinal)
    {
        "lorem", "ipsum", "dolor", "amet", "consectetur", "adipiscing", "elit", "sed", "eiusmod", "tempor", "incididunt",
        "labore", "dolore", "magna", "aliqua", "enim", "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco",
        "laboris", "nisi", "aliquip", "commodo", "consequat", "duis", "aute", "irure", "reprehenderit", "voluptate",
        "velit", "esse", "cillum", "fugiat", "nulla", "pariatur", "excepteur", "sint", "occaecat", "cupidatat",
        "proident", "sunt", "culpa", "officia", "deserunt", "mollit", "anim", "laborum", "ut", "et"
    };

    // Letter pairs that (almost) never occur inside English words or technical terms.
    private static readonly HashSet<string> RarePairs = new(StringComparer.Ordinal)
    {
        "bq", "bx", "bz", "cj", "cv", "cx", "dx", "fq", "fv", "fx", "fz", "gq", "gv", "gx", "hx", "hz", "jb", "jc", "jd",
        "jf", "jg", "jh", "jk", "jl", "jm", "jn", "jp", "jq", "jr", "jt", "jv", "jw", "jx", "jy", "jz", "kq", "kx",
        "kz", "lq", "lx", "mq", "mx", "mz", "pq", "pv", "px", "pz", "qb", "qc", "qd", "qe", "qf", "qg", "qh", "qj", "qk",
        "ql", "qm", "qn", "qo", "qp", "qq", "qr", "qs", "qt", "qv", "qw", "qx", "qy", "qz", "sx", "sz", "tq", "tx", "vb",
        "vc", "vd", "vf", "vg", "vh", "vj", "vk", "vm", "vn", "vp", "vq", "vt", "vw", "vx", "vz", "wq", "wv", "wx", "wz",
        "xd", "xg", "xj", "xk", "xm", "xn", "xq", "xr", "xv", "xz", "yq", "yv", "zb", "zc", "zd", "zf", "zg", "zj",
        "zk", "zm", "zn", "zp", "zq", "zr", "zs", "zt", "zv", "zw", "zx"
    };

    /// <summary>Null when the text reads as language; otherwise what is wrong with it.</summary>
    public static string? Problem(string text, IReadOnlySet<string> knownConcepts)
    {
        var visible = text.Where(c => !char.IsWhiteSpace(c)).ToArray();
        if (visible.Length == 0) return null;
        var alphanumeric = visible.Count(char.IsLetterOrDigit);
        if (alphanumeric < visible.Length * 0.7) return "mostly symbols, emoji or code rather than words";

        var words = TextAnalysis.Words(text).ToArray();
        if (words.Length == 0) return null;
        if (words.Length >= 4 && words.Distinct().Count() <= words.Length * 0.4) return "the same few words repeated";

        var junk = words.Count(w => IsJunk(w, knownConcepts));
        return junk >= Math.Max(1, words.Length * 0.34) ? "keyboard mash, random letters or filler text" : null;
    }

    private static bool IsJunk(string word, IReadOnlySet<string> knownConcepts)
    {
        if (Lorem.Contains(word)) return true;
        if (word.Any(c => !char.IsAsciiLetterLower(c))) return false;
        if (TextAnalysis.IsStopWord(word) || knownConcepts.Contains(TextAnalysis.Stem(word)) || TextAnalysis.IsKnownTerm(word)) return false;
        if (word.Length >= 3 && IsKeyboardWalk(word)) return true;
        if (word.Length >= 4 && RepeatsASyllable(word)) return true;
        if (HasRun(word, 3, _ => true)) return true;
        if (word.Length >= 4 && !word.Any(IsVowel)) return true;
        if (HasRun(word, 4, c => !IsVowel(c))) return true;
        for (var i = 0; i + 1 < word.Length; i++)
            if (RarePairs.Contains(word.Substring(i, 2))) return true;
        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    /// <summary>Every step is to a key next to the last one on the same row (asdf, poiuy, zxcv).</summary>
    private static bool IsKeyboardWalk(string word)
    {
        for (var i = 0; i + 1 < word.Length; i++)
        {
            var row = KeyboardRows.FirstOrDefault(r => r.Contains(word[i]));
            if (row is null) return false;
            var (a, b) = (row.IndexOf(word[i]), row.IndexOf(word[i + 1]));
            if (b < 0 || Math.Abs(a - b) != 1) return false;
        }
        return true;
    }

    /// <summary>A word made of one short unit said again and again: lalala, hahaha, blablabla.</summary>
    private static bool RepeatsASyllable(string word)
    {
        for (var unit = 1; unit <= 3; unit++)
        {
            if (word.Length < unit * 2 || word.Length % unit != 0) continue;
            var first = word[..unit];
            if (Enumerable.Range(0, word.Length / unit).All(k => string.CompareOrdinal(word, k * unit, first, 0, unit) == 0)) return true;
        }
        return false;
    }

    private static bool HasRun(string word, int length, Func<char, bool> counts)
    {
        var run = 1;
        for (var i = 1; i < word.Length; i++)
        {
            run = counts(word[i]) && counts(word[i - 1]) && (length > 3 || word[i] == word[i - 1]) ? run + 1 : 1;
            if (run >= length) return true;
        }
        return false;
    }
}
