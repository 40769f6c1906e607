using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Interview.Domain.Common;
using Interview.Domain.Sessions;

namespace Interview.Domain.Delivery;

public sealed record FillerCount(string Filler, int Count);

/// <summary>A silence inside an answer longer than <see cref="DeliveryAnalysis.LongPauseSeconds"/> (seconds into the recording).</summary>
public sealed record LongPause(double At, double Seconds);

[JsonConverter(typeof(JsonStringEnumConverter<AnswerLength>))]
public enum AnswerLength
{
    [JsonStringEnumMemberName("tooShort")] TooShort,
    [JsonStringEnumMemberName("withinTime")] WithinTime,
    [JsonStringEnumMemberName("tooLong")] TooLong
}

[JsonConverter(typeof(JsonStringEnumConverter<PauseSource>))]
public enum PauseSource
{
    [JsonStringEnumMemberName("wordTimings")] WordTimings,
    [JsonStringEnumMemberName("silenceDetection")] SilenceDetection
}

/// <summary>How one spoken answer was delivered: pace, fillers, pauses and length, with what to do about it.</summary>
public sealed record AnswerDelivery(
    int AnswerNumber,
    string? QuestionId,
    PromptKind RespondingTo,
    Guid RecordingId,
    string Engine,
    double DurationSeconds,
    double SpeakingSeconds,
    int Words,
    int WordsPerMinute,
    IReadOnlyList<FillerCount> Fillers,
    int FillerTotal,
    double FillersPer100Words,
    IReadOnlyList<LongPause> LongPauses,
    PauseSource PausesFrom,
    TimeAllocation Allocation,
    AnswerLength Length,
    IReadOnlyList<string> Guidance);

/// <summary>Delivery over every spoken answer of an interview; kept apart from the content scores.</summary>
public sealed record InterviewDelivery(
    int SpokenAnswers,
    double SpokenSeconds,
    int WordsPerMinute,
    int FillerTotal,
    double FillersPer100Words,
    IReadOnlyList<FillerCount> Fillers,
    int LongPauses,
    int TooShort,
    int TooLong,
    IReadOnlyList<string> Guidance,
    IReadOnlyList<AnswerDelivery> Answers);

/// <summary>
/// Delivery feedback for spoken answers, computed in code from what the answer event carries (what the engine heard,
/// word timings, silences, the time allowed): deterministic, so a rebuild from events gives the same feedback.
/// </summary>
public static partial class DeliveryAnalysis
{
    public const double LongPauseSeconds = 2.5;
    public const int SlowWordsPerMinute = 110;
    public const int FastWordsPerMinute = 170;
    public const double FillersPer100WordsLimit = 3.0;

    /// <summary>The time a spoken answer to this prompt should take.</summary>
    public static TimeAllocation AllocationFor(PromptKind kind, QuestionType? type) => kind switch
    {
        PromptKind.WarmUp => new(20, 90),
        PromptKind.FollowUp => new(20, 120),
        _ => type switch
        {
            QuestionType.Behavioral => new(60, 150),
            QuestionType.SystemDesign => new(120, 420),
            QuestionType.Dsa => new(90, 300),
            _ => new(45, 180)
        }
    };

    public static IReadOnlyList<string> Tokens(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value.Trim('\'')).Where(w => w.Length > 0).ToArray();

    public static AnswerDelivery Analyze(AnswerSubmitted answer)
    {
        var spoken = answer.Spoken ?? throw new ArgumentException("Only a spoken answer has delivery.", nameof(answer));
        var words = Tokens(spoken.HeardText);
        var speaking = SpeakingSeconds(spoken);
        var wpm = words.Count == 0 || speaking <= 0 ? 0 : (int)Math.Round(words.Count / (speaking / 60.0));
        var fillers = FillerWords.Find(words).GroupBy(f => f.Filler)
            .Select(g => new FillerCount(g.Key, g.Count())).OrderByDescending(f => f.Count).ThenBy(f => f.Filler, StringComparer.Ordinal).ToArray();
        var fillerTotal = fillers.Sum(f => f.Count);
        var per100 = words.Count == 0 ? 0 : Math.Round(100.0 * fillerTotal / words.Count, 1);
        var (pauses, from) = LongPauses(spoken);
        var allocation = spoken.Allocation ?? AllocationFor(answer.RespondingTo, null);
        var length = spoken.DurationSeconds < allocation.MinSeconds ? AnswerLength.TooShort
            : spoken.DurationSeconds > allocation.MaxSeconds ? AnswerLength.TooLong
            : AnswerLength.WithinTime;

        var guidance = new List<string>();
        if (words.Count > 0 && wpm < SlowWordsPerMinute)
            guidance.Add($"You spoke at {wpm} words per minute; aim for 130-160. Rehearse the outline of the answer (point, example, result) so you are not searching for words, and drop long lead-ins.");
        if (wpm > FastWordsPerMinute)
            guidance.Add($"{wpm} words per minute is fast for an interviewer taking notes; aim for 130-160 and take a breath after each point of your structure.");
        if (per100 > FillersPer100WordsLimit)
            guidance.Add($"{fillerTotal} filler words ({string.Join(", ", fillers.Take(3).Select(f => $"\"{f.Filler}\" x{f.Count}"))}), {per100.ToString("0.#", CultureInfo.InvariantCulture)} per 100 words: replace them with a short silent pause, then answer this question aloud again and count them.");
        if (pauses.Count > 0)
        {
            var longest = pauses.MaxBy(p => p.Seconds)!;
            guidance.Add($"{pauses.Count} pause{(pauses.Count == 1 ? "" : "s")} longer than {LongPauseSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (longest {longest.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s at {Clock(longest.At)}): when you need time to think, say so (\"let me think about the trade-off for a moment\") rather than going silent.");
        }
        if (length == AnswerLength.TooShort)
            guidance.Add($"{Clock(spoken.DurationSeconds)} is short for this {Prompt(answer.RespondingTo)} (allow {Range(allocation)}): add a concrete example with a number and say what the result was.");
        if (length == AnswerLength.TooLong)
            guidance.Add($"{Clock(spoken.DurationSeconds)} runs past the {Clock(allocation.MaxSeconds)} this {Prompt(answer.RespondingTo)} allows: lead with the answer in one sentence, give one example, and stop after the result.");
        if (guidance.Count == 0)
            guidance.Add("Pace, filler words, pauses and length were all within range for this answer.");

        return new AnswerDelivery(answer.AnswerNumber, answer.QuestionId, answer.RespondingTo, spoken.RecordingId, spoken.Engine,
            Math.Round(spoken.DurationSeconds, 1), Math.Round(speaking, 1), words.Count, wpm, fillers, fillerTotal, per100, pauses, from,
            allocation, length, guidance);
    }

    public static InterviewDelivery? Summarize(IReadOnlyList<AnswerDelivery> answers)
    {
        if (answers.Count == 0) return null;
        var words = answers.Sum(a => a.Words);
        var speaking = answers.Sum(a => a.SpeakingSeconds);
        var wpm = words == 0 || speaking <= 0 ? 0 : (int)Math.Round(words / (speaking / 60.0));
        var fillers = answers.SelectMany(a => a.Fillers).GroupBy(f => f.Filler).Select(g => new FillerCount(g.Key, g.Sum(f => f.Count)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Filler, StringComparer.Ordinal).ToArray();
        var fillerTotal = fillers.Sum(f => f.Count);
        var per100 = words == 0 ? 0 : Math.Round(100.0 * fillerTotal / words, 1);
        var pauses = answers.Sum(a => a.LongPauses.Count);
        var tooShort = answers.Count(a => a.Length == AnswerLength.TooShort);
        var tooLong = answers.Count(a => a.Length == AnswerLength.TooLong);

        var guidance = new List<string>();
        if (words > 0 && wpm < SlowWordsPerMinute)
            guidance.Add($"Overall pace {wpm} words per minute (aim for 130-160): practise each answer's first sentence until it comes out without hesitation.");
        else if (wpm > FastWordsPerMinute)
            guidance.Add($"Overall pace {wpm} words per minute (aim for 130-160): slow down at the start of each answer and after each point.");
        if (per100 > FillersPer100WordsLimit)
            guidance.Add($"Filler words: {fillerTotal} in {words} words ({per100.ToString("0.#", CultureInfo.InvariantCulture)} per 100), most often \"{fillers[0].Filler}\". Practise pausing silently where you would say it.");
        if (pauses > 0)
            guidance.Add($"{pauses} long silence{(pauses == 1 ? "" : "s")} across {answers.Count} spoken answer{(answers.Count == 1 ? "" : "s")}: narrate your thinking so the interviewer can follow it.");
        if (tooShort > 0)
            guidance.Add($"{tooShort} answer{(tooShort == 1 ? " was" : "s were")} shorter than the question allows: use a structure (situation, action, result or requirement, design, trade-off) to fill the time with substance.");
        if (tooLong > 0)
            guidance.Add($"{tooLong} answer{(tooLong == 1 ? " ran" : "s ran")} past the time the question allows: give the headline first and offer detail instead of volunteering all of it.");
        if (guidance.Count == 0)
            guidance.Add("Your delivery was within range on pace, filler words, pauses and length: keep practising aloud at this level.");

        return new InterviewDelivery(answers.Count, Math.Round(answers.Sum(a => a.DurationSeconds), 1), wpm, fillerTotal, per100, fillers,
            pauses, tooShort, tooLong, guidance, answers);
    }

    /// <summary>Time actually spoken: first word to last word, or the recording without its leading and trailing silence.</summary>
    public static double SpeakingSeconds(SpokenAnswer spoken)
    {
        if (spoken.Words.Count > 0) return Math.Max(0, spoken.Words[^1].End - spoken.Words[0].Start);
        var edges = spoken.Silences.Where(s => s.Start <= 0.05 || s.End >= spoken.DurationSeconds - 0.05).Sum(s => s.Seconds);
        return Math.Max(0, spoken.DurationSeconds - edges);
    }

    /// <summary>Gaps between words when the engine gave word timings, else silences found in the audio; never the silence before the first or after the last word.</summary>
    public static (IReadOnlyList<LongPause> Pauses, PauseSource From) LongPauses(SpokenAnswer spoken)
    {
        if (spoken.Words.Count > 0)
            return (spoken.Words.Zip(spoken.Words.Skip(1))
                .Where(pair => pair.Second.Start - pair.First.End >= LongPauseSeconds)
                .Select(pair => new LongPause(Math.Round(pair.First.End, 2), Math.Round(pair.Second.Start - pair.First.End, 2)))
                .ToArray(), PauseSource.WordTimings);
        return (spoken.Silences
            .Where(s => s.Seconds >= LongPauseSeconds && s.Start > 0.05 && s.End < spoken.DurationSeconds - 0.05)
            .Select(s => new LongPause(Math.Round(s.Start, 2), Math.Round(s.Seconds, 2)))
            .ToArray(), PauseSource.SilenceDetection);
    }

    private static string Prompt(PromptKind kind) => kind switch
    {
        PromptKind.WarmUp => "warm-up question",
        PromptKind.FollowUp => "follow-up",
        _ => "question"
    };

    private static string Range(TimeAllocation allocation) => $"{Clock(allocation.MinSeconds)}-{Clock(allocation.MaxSeconds)}";

    private static string Clock(double seconds)
    {
        var whole = (int)Math.Round(seconds);
        return whole < 60 ? $"{whole} s" : $"{whole / 60}:{whole % 60:00}";
    }

    [GeneratedRegex(@"[a-z0-9']+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
