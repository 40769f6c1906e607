using System.Security.Cryptography;
using System.Text;
using Interview.Domain.Common;

namespace Interview.Domain.Accounts;

/// <summary>Account settings the decisions need: lockout and token lifetimes.</summary>
public sealed record AccountPolicy(int MaxFailedLogins, TimeSpan LockoutDuration, TimeSpan RefreshTokenLifetime, TimeSpan VerificationTokenLifetime)
{
    public static readonly AccountPolicy Default = new(10, TimeSpan.FromMinutes(15), TimeSpan.FromDays(14), TimeSpan.FromHours(24));
}

public enum LoginOutcome { LoggedIn, WrongCredentials, LockedOut, NotVerified }

/// <summary>A login appends even when refused: failed attempts and the lockout are facts on the account stream.</summary>
public sealed record LoginDecision(LoginOutcome Outcome, IReadOnlyList<object> Events);

public enum RefreshOutcome { Rotated, Invalid, Reused }

public sealed record RefreshDecision(RefreshOutcome Outcome, IReadOnlyList<object> Events, Guid? SessionId = null);

/// <summary>Pure decisions on an account's own stream. Password checks happen before (hashing is CPU, not state).</summary>
public static class AccountDecider
{
    /// <summary>
    /// A new account stream, and a claim on the e-mail address's own stream: a parallel signup with the same address
    /// collides on that stream's id when it commits, whatever the read models say.
    /// </summary>
    public static Decision SignUp(bool emailTaken, Guid userId, string email, string displayName, string passwordHash,
        string verificationTokenHash, bool bootstrapAdmin, AccountPolicy policy, DateTimeOffset now)
    {
        if (emailTaken) return Rejection.Conflict("An account with this e-mail address already exists.");
        var normalized = AccountRules.NormalizeEmail(email);
        var events = new List<object>
        {
            new UserSignedUp(userId, email.Trim(), normalized, displayName.Trim(), passwordHash, verificationTokenHash, now,
                now + policy.VerificationTokenLifetime)
        };
        if (bootstrapAdmin) events.Add(new RoleGranted(userId, Roles.Admin, null, "bootstrap admin from Auth:BootstrapAdminEmail", now));
        return Decision.Accept([.. events]);
    }

    /// <summary>The id of the stream that holds the claim on an e-mail address: derived from the normalized address.</summary>
    public static Guid EmailClaimStreamId(string normalizedEmail)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("interview:email-claim:" + normalizedEmail))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public static LoginDecision Login(Account? account, bool passwordMatches, AccountPolicy policy, Guid sessionId,
        string refreshTokenHash, DateTimeOffset now)
    {
        if (account is null || account.Erased) return new(LoginOutcome.WrongCredentials, []);
        if (account.LockedUntil is { } until && until > now) return new(LoginOutcome.LockedOut, []);

        var events = new List<object>();
        var failed = account.FailedLogins;
        if (account.LockedUntil is not null)
        {
            events.Add(new AccountLockoutEnded(account.Id, now));
            failed = 0;
        }
        if (!passwordMatches)
        {
            events.Add(new LoginFailed(account.Id, ++failed, now));
            if (failed >= policy.MaxFailedLogins) events.Add(new AccountLockedOut(account.Id, failed, now, now + policy.LockoutDuration));
            return new(LoginOutcome.WrongCredentials, events);
        }
        if (!account.EmailVerified) return new(LoginOutcome.NotVerified, events);

        events.Add(new UserLoggedIn(account.Id, sessionId, refreshTokenHash, now + policy.RefreshTokenLifetime, now));
        return new(LoginOutcome.LoggedIn, events);
    }

    public static Decision Verify(Account account, string tokenHash, DateTimeOffset now)
    {
        if (!SameHash(account.VerificationTokenHash, tokenHash))
            return Rejection.Invalid("The e-mail address or the token is wrong.");
        if (account.EmailVerified) return Decision.Accept();
        if (now >= account.VerificationExpiresAt)
            return new Rejection(400, "Verification token expired", "The verification token has expired; ask for a new one.");
        return Decision.Accept(new EmailVerified(account.Id, now));
    }

    /// <summary>A new verification token replaces the old one; a verified account needs none.</summary>
    public static Decision IssueVerificationToken(Account account, string tokenHash, AccountPolicy policy, DateTimeOffset now) =>
        account.EmailVerified
            ? Decision.Accept()
            : Decision.Accept(new VerificationTokenIssued(account.Id, tokenHash, now, now + policy.VerificationTokenLifetime));

    /// <summary>
    /// Rotation: the presented token must be its session's newest. A token that was already rotated away is a replay
    /// (stolen or leaked): the whole session is revoked.
    /// </summary>
    public static RefreshDecision Refresh(Account account, string presentedHash, string newHash, AccountPolicy policy, DateTimeOffset now)
    {
        var live = account.Sessions.Values.FirstOrDefault(s => SameHash(s.CurrentTokenHash, presentedHash));
        if (live is not null)
            return live.ExpiresAt <= now
                ? new(RefreshOutcome.Invalid, [])
                : new(RefreshOutcome.Rotated,
                    [new RefreshTokenRotated(account.Id, live.Id, presentedHash, newHash, now + policy.RefreshTokenLifetime, now)], live.Id);
        if (account.RetiredTokens.TryGetValue(presentedHash, out var family) && account.Sessions.ContainsKey(family))
            return new(RefreshOutcome.Reused, [new SessionRevoked(account.Id, family, SessionEndReason.RefreshTokenReused, now)]);
        return new(RefreshOutcome.Invalid, []);
    }

    public static Decision Logout(Account account, Guid sessionId, DateTimeOffset now) =>
        account.Sessions.ContainsKey(sessionId)
            ? Decision.Accept(new SessionRevoked(account.Id, sessionId, SessionEndReason.LoggedOut, now))
            : Decision.Accept();

    public static Decision ChangePassword(Account account, bool currentPasswordMatches, string newPasswordHash, DateTimeOffset now) =>
        currentPasswordMatches
            ? Decision.Accept(new PasswordChanged(account.Id, newPasswordHash, now))
            : new Rejection(400, "The request is invalid", "The current password is wrong.");

    public static Decision GrantRole(Account account, string role, Guid? grantedBy, DateTimeOffset now) =>
        !Roles.All.Contains(role) ? Rejection.Invalid($"'{role}' is not one of {string.Join(", ", Roles.All)}.")
        : account.GrantedRoles.Contains(role) ? Decision.Accept()
        : Decision.Accept(new RoleGranted(account.Id, role, grantedBy, "granted by an admin", now));

    /// <summary>
    /// Erasure: the user confirms with their password; an admin (erasedBy) needs none. Erasing an erased account again
    /// appends nothing, so the clean-up after it can be run again.
    /// </summary>
    public static Decision Erase(Account account, bool passwordMatches, Guid? erasedBy, DateTimeOffset now) =>
        account.Erased ? Decision.Accept()
        : erasedBy is null && !passwordMatches ? new Rejection(400, "The request is invalid", "The password is wrong.")
        : Decision.Accept(new AccountErased(account.Id, erasedBy, now));

    public static Decision UpdateProfile(Account account, string targetRole, int experienceYears, IReadOnlyList<string>? skills,
        string? resumeText, DateTimeOffset now)
    {
        var allSkills = (skills ?? []).Select(s => s.Trim().ToLowerInvariant())
            .Concat(AccountRules.ExtractSkills(resumeText)).Distinct().ToArray();
        return Decision.Accept(new ProfileUpdated(account.Id, targetRole.Trim(), experienceYears, allSkills, resumeText, now));
    }

    private static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
