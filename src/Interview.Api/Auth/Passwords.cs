using System.Security.Cryptography;
using System.Text.Json;
using Interview.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Interview.Api.Auth;

/// <summary>PBKDF2 hashing (ASP.NET Core Identity's format) with a dummy hash for accounts that do not exist.</summary>
public sealed class Passwords
{
    private readonly PasswordHasher<Account> hasher = new();
    private readonly string dummyHash;

    public Passwords() => dummyHash = hasher.HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public string Hash(string password) => hasher.HashPassword(null!, password);

    /// <summary>
    /// Always runs one full hash verification: without an account it verifies against a dummy hash, so that an unknown
    /// e-mail address costs the same time as a wrong password.
    /// </summary>
    public bool Verify(string? passwordHash, string? password)
    {
        var result = hasher.VerifyHashedPassword(null!, passwordHash ?? dummyHash, password ?? "");
        return passwordHash is not null && result != PasswordVerificationResult.Failed;
    }
}

/// <summary>The well-known passwords refused at signup and password change (seed/common-passwords.json, lower case).</summary>
public sealed class CommonPasswords(IReadOnlySet<string> passwords)
{
    public IReadOnlySet<string> Set { get; } = passwords;

    public static CommonPasswords Load(string seedDirectory)
    {
        var file = Path.Combine(seedDirectory, "common-passwords.json");
        var list = JsonSerializer.Deserialize<string[]>(File.ReadAllText(file))
                   ?? throw new InvalidOperationException($"{file} holds no list of passwords.");
        return new CommonPasswords(list.Select(p => p.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal));
    }
}
