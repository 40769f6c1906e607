using System.Net.Mail;

namespace Interview.Domain.Accounts;

/// <summary>Pure validation of account input; each failure names its field.</summary>
public static class AccountRules
{
    public const int MinPasswordLength = 8;

    public static string NormalizeEmail(string? email) => (email ?? "").Trim().ToLowerInvariant();

    public static Dictionary<string, string[]> ValidateSignup(string? email, string? password, string? displayName)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsEmail(email)) errors["email"] = ["A valid e-mail address is required."];
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
            errors["password"] = [$"The password must be at least {MinPasswordLength} characters."];
        else if (password.Length > 200) errors["password"] = ["The password must be at most 200 characters."];
        if (string.IsNullOrWhiteSpace(displayName)) errors["displayName"] = ["A display name is required."];
        else if (displayName.Trim().Length > 100) errors["displayName"] = ["The display name must be at most 100 characters."];
        return errors;
    }

    public static bool IsEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        return trimmed.Length is > 2 and <= 254 && MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed;
    }

    public static Dictionary<string, string[]> ValidateProfile(string? targetRole, int experienceYears, IReadOnlyList<string>? skills, string? resumeText)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(targetRole) || targetRole.Length > 100) errors["targetRole"] = ["A target role of 1 to 100 characters is required."];
        if (experienceYears is < 0 or > 60) errors["experienceYears"] = ["Experience must be between 0 and 60 years."];
        if (skills is { Count: > 50 } || skills?.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 50) == true)
            errors["skills"] = ["At most 50 skills of 1 to 50 characters each."];
        if (resumeText is { Length: > 50_000 }) errors["resumeText"] = ["The resume text must be at most 50,000 characters."];
        return errors;
    }

    private static readonly string[] KnownSkills =
    [
        "c#", ".net", "asp.net", "java", "kotlin", "scala", "python", "go", "golang", "rust", "c++", "c", "ruby", "php",
        "javascript", "typescript", "react", "angular", "vue", "svelte", "next.js", "node.js", "node", "html", "css",
        "sql", "postgresql", "mysql", "mongodb", "redis", "cassandra", "dynamodb", "elasticsearch", "kafka", "rabbitmq",
        "spark", "hadoop", "airflow", "dbt", "pandas", "numpy", "pytorch", "tensorflow", "scikit-learn", "docker",
        "kubernetes", "terraform", "aws", "azure", "gcp", "graphql", "grpc", "rest", "linux", "git", "swift", "ios",
        "android", "machine learning", "microservices", "ci/cd", "snowflake", "bigquery", "tableau"
    ];

    /// <summary>Skills named in pasted resume text, matched against a list of well-known technologies.</summary>
    public static IReadOnlyList<string> ExtractSkills(string? resumeText)
    {
        if (string.IsNullOrWhiteSpace(resumeText)) return [];
        var lower = " " + resumeText.ToLowerInvariant() + " ";
        return KnownSkills.Where(skill => ContainsWord(lower, skill)).ToArray();
    }

    private static bool ContainsWord(string text, string word)
    {
        var index = 0;
        while ((index = text.IndexOf(word, index, StringComparison.Ordinal)) >= 0)
        {
            var before = text[index - 1];
            var after = index + word.Length < text.Length ? text[index + word.Length] : ' ';
            if (!char.IsLetterOrDigit(before) && !char.IsLetterOrDigit(after) && after != '#' && after != '+') return true;
            index += word.Length;
        }
        return false;
    }
}
