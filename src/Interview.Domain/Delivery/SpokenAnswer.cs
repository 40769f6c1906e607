using System.Text.Json.Serialization;

namespace Interview.Domain.Delivery;

[JsonConverter(typeof(JsonStringEnumConverter<AnswerSource>))]
public enum AnswerSource
{
    [JsonStringEnumMemberName("typed")] Typed,
    [JsonStringEnumMemberName("voice")] Voice
}

/// <summary>A word the speech engine heard, with its time in the recording (seconds) and the engine's confidence when it gives one.</summary>
public sealed record TimedWord(string Word, double Start, double End, double? Confidence = null);

/// <summary>A stretch of silence found in the recording by silence detection (seconds).</summary>
public sealed record Silence(double Start, double End)
{
    public double Seconds => End - Start;
}

/// <summary>How long an answer to this kind of prompt should take when spoken.</summary>
public sealed record TimeAllocation(int MinSeconds, int MaxSeconds);

/// <summary>
/// What a spoken answer carries besides its (possibly corrected) text: the recording it came from, what the engine heard
/// (raw transcript, word timings, confidence), the silences in the audio and the time the question allows.
/// The audio itself is stored apart, under RecordingId.
/// </summary>
public sealed record SpokenAnswer(
    Guid RecordingId,
    double DurationSeconds,
    string Engine,
    bool Offline,
    double? Confidence,
    string HeardText,
    IReadOnlyList<TimedWord> Words,
    IReadOnlyList<Silence> Silences,
    TimeAllocation? Allocation = null);
