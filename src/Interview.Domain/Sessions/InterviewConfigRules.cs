using Interview.Domain.Common;

namespace Interview.Domain.Sessions;

/// <summary>Turns the strings a client sent into an <see cref="InterviewConfig"/>, or an errors map naming each bad field.</summary>
public static class InterviewConfigRules
{
    public const int DefaultQuestionCount = 5;
    public const int MaxTechStackEntries = 12;

    public static (InterviewConfig? Config, Dictionary<string, string[]> Errors) Parse(
        string? track, string? role, string? level, string? type, string? difficulty, string? companyStyle,
        IReadOnlyList<string>? techStack, int? questionCount)
    {
        var errors = new Dictionary<string, string[]>();
        var normalizedTrack = Catalog.Normalize(track);
        if (!Catalog.Tracks.Contains(normalizedTrack))
            errors["track"] = [$"'{track}' is not one of {string.Join(", ", Catalog.Tracks)}."];
        if (string.IsNullOrWhiteSpace(role) || role.Trim().Length > 100)
            errors["role"] = ["A role of 1 to 100 characters is required (e.g. \"Backend Engineer\")."];
        var parsedLevel = ParseEnum<InterviewLevel>("level", level, errors);
        var parsedType = ParseEnum<InterviewType>("type", type, errors);
        var parsedDifficulty = ParseEnum<Difficulty>("difficulty", difficulty, errors);
        var style = string.IsNullOrWhiteSpace(companyStyle) ? Catalog.GeneralCompany : Catalog.Normalize(companyStyle);
        if (!Catalog.CompanyStyles.Contains(style))
            errors["companyStyle"] = [$"'{companyStyle}' is not one of {string.Join(", ", Catalog.CompanyStyles)}."];
        if (techStack is { Count: > MaxTechStackEntries } || techStack?.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > 40) == true)
            errors["techStack"] = [$"At most {MaxTechStackEntries} technologies of 1 to 40 characters each."];
        var count = questionCount ?? DefaultQuestionCount;
        if (count is < InterviewDecider.MinQuestions or > InterviewDecider.MaxQuestions)
            errors["questionCount"] = [$"questionCount must be between {InterviewDecider.MinQuestions} and {InterviewDecider.MaxQuestions}; it was {count}."];

        if (errors.Count > 0) return (null, errors);
        return (new InterviewConfig(normalizedTrack, role!.Trim(), parsedLevel, parsedType, parsedDifficulty, style,
            (techStack ?? []).Select(Catalog.Normalize).Distinct().ToArray(), count), errors);
    }

    private static T ParseEnum<T>(string field, string? value, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (EnumText.TryParseWire<T>(value, out var parsed)) return parsed;
        errors[field] = [string.IsNullOrWhiteSpace(value)
            ? $"{field} is required: one of {string.Join(", ", EnumText.WireNames<T>())}."
            : $"'{value}' is not one of {string.Join(", ", EnumText.WireNames<T>())}."];
        return default;
    }
}
