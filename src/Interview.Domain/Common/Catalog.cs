namespace Interview.Domain.Common;

/// <summary>The tracks and company styles the question bank is organised by.</summary>
public static class Catalog
{
    public const string GeneralCompany = "general";

    public static readonly IReadOnlyList<string> Tracks =
        ["swe_intern", "swe_engineer", "frontend", "backend", "data", "engineering_manager"];

    public static readonly IReadOnlyList<string> CompanyStyles =
        [GeneralCompany, "amazon", "google", "meta", "microsoft", "apple", "netflix"];

    public static string Normalize(string? value) => (value ?? "").Trim().ToLowerInvariant();
}
