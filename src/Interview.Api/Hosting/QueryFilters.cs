namespace Interview.Api.Hosting;

/// <summary>Enum-like query filters accept their values in any case ("Medium", "INPROGRESS") and answer with the wire spelling.</summary>
public static class QueryFilters
{
    /// <summary>The allowed value matching <paramref name="value"/> ignoring case; null when absent, or an error for <paramref name="field"/>.</summary>
    public static string? OneOf(string field, string? value, IReadOnlyList<string> allowed, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var match = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null) errors[field] = [$"'{value}' is not one of {string.Join(", ", allowed)}."];
        return match;
    }
}
