using System.Text.Json.Serialization;

namespace Interview.Domain.Common;

[JsonConverter(typeof(JsonStringEnumConverter<Difficulty>))]
public enum Difficulty
{
    [JsonStringEnumMemberName("easy")] Easy,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("hard")] Hard,
    [JsonStringEnumMemberName("expert")] Expert
}

[JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))]
public enum QuestionType
{
    [JsonStringEnumMemberName("behavioral")] Behavioral,
    [JsonStringEnumMemberName("technical")] Technical,
    [JsonStringEnumMemberName("system_design")] SystemDesign,
    [JsonStringEnumMemberName("dsa")] Dsa
}

[JsonConverter(typeof(JsonStringEnumConverter<InterviewType>))]
public enum InterviewType
{
    [JsonStringEnumMemberName("behavioral")] Behavioral,
    [JsonStringEnumMemberName("technical")] Technical,
    [JsonStringEnumMemberName("system_design")] SystemDesign,
    [JsonStringEnumMemberName("dsa")] Dsa,
    [JsonStringEnumMemberName("mixed")] Mixed
}

[JsonConverter(typeof(JsonStringEnumConverter<InterviewLevel>))]
public enum InterviewLevel
{
    [JsonStringEnumMemberName("entry")] Entry,
    [JsonStringEnumMemberName("mid")] Mid,
    [JsonStringEnumMemberName("senior")] Senior,
    [JsonStringEnumMemberName("lead")] Lead
}

/// <summary>Who produced an interviewer turn or a score: the offline engine or a configured LLM.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EngineKind>))]
public enum EngineKind
{
    [JsonStringEnumMemberName("offline")] Offline,
    [JsonStringEnumMemberName("llm")] Llm
}

public static class EnumText
{
    /// <summary>The wire name of an enum value ("system_design"), as the JSON converter writes it.</summary>
    public static string Wire<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())!
            .GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false)
            .Cast<JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name ?? value.ToString();

    public static IReadOnlyList<string> WireNames<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(Wire).ToArray();

    public static bool TryParseWire<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Wire(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
