using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Microsoft.IdentityModel.Tokens;

namespace Interview.Api.Auth;

public sealed class AuthSettings
{
    public string Issuer { get; init; } = "interview";
    public string Audience { get; init; } = "interview";
    public int TokenLifetimeMinutes { get; init; } = 15;
    public string? BootstrapAdminEmail { get; init; }
    public bool ExposeVerificationToken { get; init; }

    /// <summary>Verification tokens are secrets: written to the log only in Development.</summary>
    public bool LogVerificationToken { get; init; }

    public AccountPolicy Policy { get; init; } = AccountPolicy.Default;
    public string? Problem { get; init; }

    /// <summary>The HMAC key; reading it when the settings are invalid throws with the reason.</summary>
    public SymmetricSecurityKey SigningKey => signingKey ?? throw new InvalidOperationException(Problem);

    private SymmetricSecurityKey? signingKey;

    /// <summary>Throws when the settings cannot be used; run when the host starts (see StartupChecks).</summary>
    public void EnsureValid()
    {
        if (Problem is not null) throw new InvalidOperationException(Problem);
    }

    /// <summary>
    /// Reads Auth:* settings. Without Auth:SigningKey, development generates a random key once and keeps it under the
    /// data folder; any other environment is refused when the host starts.
    /// </summary>
    public static AuthSettings Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Auth");
        var key = section["SigningKey"];
        if (string.IsNullOrWhiteSpace(key) && environment.IsDevelopment())
        {
            var file = Path.Combine(DataDirectory.Resolve(configuration, environment), "jwt-signing.key");
            if (!File.Exists(file)) File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            key = File.ReadAllText(file).Trim();
        }
        var policy = new AccountPolicy(
            section.GetValue("MaxFailedLogins", AccountPolicy.Default.MaxFailedLogins),
            TimeSpan.FromMinutes(section.GetValue("LockoutMinutes", AccountPolicy.Default.LockoutDuration.TotalMinutes)),
            TimeSpan.FromDays(section.GetValue("RefreshTokenDays", AccountPolicy.Default.RefreshTokenLifetime.TotalDays)),
            TimeSpan.FromHours(section.GetValue("VerificationTokenHours", AccountPolicy.Default.VerificationTokenLifetime.TotalHours)));
        var lifetime = section.GetValue("TokenLifetimeMinutes", 15);
        var problem = string.IsNullOrWhiteSpace(key) ? "Auth:SigningKey is required outside Development (at least 32 characters)."
            : key.Length < 32 ? "Auth:SigningKey must be at least 32 characters."
            : lifetime is < 1 or > 1440 ? "Auth:TokenLifetimeMinutes must be between 1 and 1440."
            : policy.MaxFailedLogins < 1 || policy.LockoutDuration <= TimeSpan.Zero ? "Auth:MaxFailedLogins and Auth:LockoutMinutes must be positive."
            : policy.RefreshTokenLifetime <= TimeSpan.Zero || policy.VerificationTokenLifetime <= TimeSpan.Zero
                ? "Auth:RefreshTokenDays and Auth:VerificationTokenHours must be positive."
            : null;

        return new AuthSettings
        {
            Issuer = section["Issuer"] ?? "interview",
            Audience = section["Audience"] ?? "interview",
            TokenLifetimeMinutes = lifetime,
            BootstrapAdminEmail = section["BootstrapAdminEmail"],
            ExposeVerificationToken = section.GetValue("ExposeVerificationToken", environment.IsDevelopment()),
            LogVerificationToken = environment.IsDevelopment(),
            Policy = policy,
            Problem = problem,
            signingKey = problem is null ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key!)) : null
        };
    }
}

/// <summary>Access tokens name their session (<c>sid</c>) and the account's security version (<c>sv</c>).</summary>
public static class Tokens
{
    public const string SessionClaim = "sid";
    public const string SecurityVersionClaim = "sv";

    public static (string Token, DateTimeOffset ExpiresAt) Issue(Account account, Guid sessionId, AuthSettings settings, DateTimeOffset now)
    {
        var expires = now.AddMinutes(settings.TokenLifetimeMinutes);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, account.Id.ToString()),
            new(JwtRegisteredClaimNames.Email, account.Email),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new("name", account.DisplayName),
            new(SessionClaim, sessionId.ToString()),
            new(SecurityVersionClaim, account.SecurityVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        };
        claims.AddRange(account.GrantedRoles.Select(r => new Claim("role", r)));
        var token = new JwtSecurityToken(settings.Issuer, settings.Audience, claims, now.UtcDateTime, expires.UtcDateTime,
            new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256));
        return (new JwtSecurityTokenHandler().WriteToken(token), expires);
    }

    public static string NewVerificationToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim().ToLowerInvariant())));
}

/// <summary>
/// Refresh tokens are "{userId}.{32 random bytes}": the id finds the account stream, the rest is the secret.
/// Only their SHA-256 hashes are stored, in events.
/// </summary>
public static class RefreshTokens
{
    public static string New(Guid userId) =>
        userId.ToString("N") + "." + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool TryReadUserId(string? token, out Guid userId)
    {
        userId = Guid.Empty;
        return token is { Length: > 33 and < 200 } && token[32] == '.'
            && Guid.TryParseExact(token.AsSpan(0, 32), "N", out userId) && userId != Guid.Empty;
    }
}

public static class CurrentUser
{
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id) ? id : Guid.Empty;

    public static Guid SessionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(Tokens.SessionClaim)?.Value, out var id) ? id : Guid.Empty;

    public static bool IsInRoleName(this ClaimsPrincipal user, string role) => user.HasClaim("role", role);
}
