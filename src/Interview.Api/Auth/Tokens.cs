using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Interview.Api.Hosting;
using Interview.Projections.Accounts;
using Microsoft.IdentityModel.Tokens;

namespace Interview.Api.Auth;

public sealed class AuthSettings
{
    public string Issuer { get; init; } = "interview";
    public string Audience { get; init; } = "interview";
    public int TokenLifetimeMinutes { get; init; } = 480;
    public string? BootstrapAdminEmail { get; init; }
    public bool ExposeVerificationToken { get; init; }
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
        var problem = string.IsNullOrWhiteSpace(key) ? "Auth:SigningKey is required outside Development (at least 32 characters)."
            : key.Length < 32 ? "Auth:SigningKey must be at least 32 characters."
            : null;

        return new AuthSettings
        {
            Issuer = section["Issuer"] ?? "interview",
            Audience = section["Audience"] ?? "interview",
            TokenLifetimeMinutes = section.GetValue("TokenLifetimeMinutes", 480),
            BootstrapAdminEmail = section["BootstrapAdminEmail"],
            ExposeVerificationToken = section.GetValue("ExposeVerificationToken", environment.IsDevelopment()),
            Problem = problem,
            signingKey = problem is null ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key!)) : null
        };
    }
}

public static class Tokens
{
    public static (string Token, DateTimeOffset ExpiresAt) Issue(UserAccount account, AuthSettings settings, DateTimeOffset now)
    {
        var expires = now.AddMinutes(settings.TokenLifetimeMinutes);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, account.Id.ToString()),
            new(JwtRegisteredClaimNames.Email, account.Email),
            new("name", account.DisplayName)
        };
        claims.AddRange(account.Roles.Select(r => new Claim("role", r)));
        var token = new JwtSecurityToken(settings.Issuer, settings.Audience, claims, now.UtcDateTime, expires.UtcDateTime,
            new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256));
        return (new JwtSecurityTokenHandler().WriteToken(token), expires);
    }

    public static string NewVerificationToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim().ToLowerInvariant())));
}

public static class CurrentUser
{
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id) ? id : Guid.Empty;

    public static bool IsInRoleName(this ClaimsPrincipal user, string role) => user.HasClaim("role", role);
}
