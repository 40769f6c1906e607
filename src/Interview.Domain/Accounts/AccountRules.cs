using System.Text.RegularExpressions;

namespace Interview.Domain.Accounts;

/// <summary>Pure validation of account input; each failure names its field.</summary>
public static partial class AccountRules
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 200;

    public static string NormalizeEmail(string? email) => (email ?? "").Trim().ToLowerInvariant();

    public static Dictionary<string, string[]> ValidateSignup(string? email, string? password, string? displayName, IReadOnlySet<string> commonPasswords)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsEmail(email)) errors["email"] = ["A valid e-mail address is required (name@example.com)."];
        if (PasswordProblem(password, commonPasswords, email) is { } problem) errors["password"] = [problem];
        if (string.IsNullOrWhiteSpace(displayName)) errors["displayName"] = ["A display name is required."];
        else if (displayName.Trim().Length > 100) errors["displayName"] = ["The display name must be at most 100 characters."];
        return errors;
    }

    /// <summary>
    /// At least 10 characters, not a well-known password (seed/common-passwords.json, compared case-insensitively),
    /// not a run of three or fewer distinct characters, not the e-mail address.
    /// </summary>
    public static string? PasswordProblem(string? password, IReadOnlySet<string> commonPasswords, string? email = null)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
            return $"The password must be at least {MinPasswordLength} characters.";
        if (password.Length > MaxPasswordLength) return $"The password must be at most {MaxPasswordLength} characters.";
        var lower = password.Trim().ToLowerInvariant();
        if (commonPasswords.Contains(lower) || commonPasswords.Contains(lower.Replace(" ", "")))
            return "This password is too common; choose another one.";
        if (lower.Distinct().Count() <= 3) return "The password repeats too few characters; choose a longer mix.";
        if (email is not null && lower.Contains(NormalizeEmail(email).Split('@')[0]) && NormalizeEmail(email).Split('@')[0].Length >= 4)
            return "The password must not contain the e-mail address.";
        return null;
    }

    /// <summary>
    /// A dot-atom local part, a host name with at least one dot and a letter top-level domain: what mail systems deliver to.
    /// Quoted local parts and address literals are refused.
    /// </summary>
    public static bool IsEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length is < 6 or > 254) return false;
        var at = trimmed.LastIndexOf('@');
        return at is > 0 and <= 64 && EmailPattern().IsMatch(trimmed);
    }

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

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
