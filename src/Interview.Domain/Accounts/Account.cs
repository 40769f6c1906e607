using System.Collections.Immutable;

namespace Interview.Domain.Accounts;

/// <summary>A live refresh-token family: only its newest token is valid.</summary>
public sealed record RefreshSession(Guid Id, string CurrentTokenHash, DateTimeOffset ExpiresAt);

/// <summary>
/// The account stream's write model: only what decisions need. SecurityVersion counts the changes that end every
/// access token issued before them (password and roles); access tokens carry it as a claim.
/// </summary>
public sealed record Account(
    Guid Id,
    string Email,
    string NormalizedEmail,
    string DisplayName,
    string PasswordHash,
    string VerificationTokenHash,
    DateTimeOffset VerificationExpiresAt,
    bool EmailVerified,
    ImmutableList<string> GrantedRoles,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    int SecurityVersion,
    ImmutableDictionary<Guid, RefreshSession> Sessions,
    ImmutableDictionary<string, Guid> RetiredTokens)
{
    /// <summary>Accounts created before verification tokens carried an expiry get the default lifetime.</summary>
    public static readonly TimeSpan DefaultVerificationLifetime = TimeSpan.FromHours(24);

    /// <summary>Set by <see cref="AccountErased"/>: the account can no longer log in or refresh.</summary>
    public bool Erased { get; init; }

    public static Account Create(UserSignedUp e) =>
        new(e.UserId, e.Email, e.NormalizedEmail, e.DisplayName, e.PasswordHash, e.VerificationTokenHash,
            e.VerificationExpiresAt ?? e.SignedUpAt + DefaultVerificationLifetime, false, [Roles.Candidate], 0, null, 0,
            ImmutableDictionary<Guid, RefreshSession>.Empty, ImmutableDictionary<string, Guid>.Empty);

    public Account Apply(VerificationTokenIssued e) => this with { VerificationTokenHash = e.VerificationTokenHash, VerificationExpiresAt = e.ExpiresAt };

    public Account Apply(EmailVerified _) => this with { EmailVerified = true };

    public Account Apply(RoleGranted e) =>
        GrantedRoles.Contains(e.Role) ? this : this with { GrantedRoles = GrantedRoles.Add(e.Role), SecurityVersion = SecurityVersion + 1 };

    public Account Apply(LoginFailed e) => this with { FailedLogins = e.FailedAttempts };

    public Account Apply(AccountLockedOut e) => this with { LockedUntil = e.LockedUntil };

    public Account Apply(AccountLockoutEnded _) => this with { LockedUntil = null, FailedLogins = 0 };

    public Account Apply(UserLoggedIn e)
    {
        var live = WithoutExpiredSessions(e.LoggedInAt);
        return live with
        {
            FailedLogins = 0,
            Sessions = live.Sessions.SetItem(e.SessionId, new RefreshSession(e.SessionId, e.RefreshTokenHash, e.RefreshExpiresAt))
        };
    }

    public Account Apply(RefreshTokenRotated e) =>
        this with
        {
            Sessions = Sessions.SetItem(e.SessionId, new RefreshSession(e.SessionId, e.RefreshTokenHash, e.RefreshExpiresAt)),
            RetiredTokens = RetiredTokens.SetItem(e.PreviousTokenHash, e.SessionId)
        };

    public Account Apply(SessionRevoked e) =>
        this with
        {
            Sessions = Sessions.Remove(e.SessionId),
            RetiredTokens = RetiredTokens.RemoveRange(RetiredTokens.Where(t => t.Value == e.SessionId).Select(t => t.Key))
        };

    public Account Apply(PasswordChanged e) =>
        this with
        {
            PasswordHash = e.PasswordHash,
            SecurityVersion = SecurityVersion + 1,
            Sessions = ImmutableDictionary<Guid, RefreshSession>.Empty,
            RetiredTokens = ImmutableDictionary<string, Guid>.Empty
        };

    public Account Apply(AccountErased _) =>
        this with
        {
            Erased = true,
            SecurityVersion = SecurityVersion + 1,
            Sessions = ImmutableDictionary<Guid, RefreshSession>.Empty,
            RetiredTokens = ImmutableDictionary<string, Guid>.Empty
        };

    private Account WithoutExpiredSessions(DateTimeOffset at)
    {
        var expired = Sessions.Values.Where(s => s.ExpiresAt <= at).Select(s => s.Id).ToHashSet();
        return expired.Count == 0 ? this : this with
        {
            Sessions = Sessions.RemoveRange(expired),
            RetiredTokens = RetiredTokens.RemoveRange(RetiredTokens.Where(t => expired.Contains(t.Value)).Select(t => t.Key))
        };
    }
}
