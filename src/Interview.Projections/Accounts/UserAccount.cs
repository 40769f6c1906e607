using Interview.Domain.Accounts;
using Marten;
using Marten.Events.Aggregation;
using JasperFx.Events.Projections;

namespace Interview.Projections.Accounts;

/// <summary>
/// The account as login lookups, /me and token checks read it; inline so a signup or a revocation is visible to the next
/// request. Decisions are made on <see cref="Account"/>, rebuilt from the stream; this holds no secrets.
/// </summary>
public sealed class UserAccount
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public bool EmailVerified { get; set; }
    public List<string> Roles { get; set; } = [];
    public DateTimeOffset SignedUpAt { get; set; }
    public CandidateProfile? Profile { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Access tokens carry it; a password or role change raises it and so ends every older access token.</summary>
    public int SecurityVersion { get; set; }

    /// <summary>Sessions (refresh-token families) not revoked; an access token names its session.</summary>
    public List<ActiveSession> Sessions { get; set; } = [];
}

public sealed record ActiveSession(Guid Id, DateTimeOffset ExpiresAt);

public sealed record CandidateProfile(string TargetRole, int ExperienceYears, IReadOnlyList<string> Skills, string? ResumeText, DateTimeOffset UpdatedAt);

public sealed partial class UserAccountProjection : SingleStreamProjection<UserAccount, Guid>
{
    /// <summary>Erasure deletes the document; a rebuild does not bring it back.</summary>
    public bool ShouldDelete(AccountErased e) => true;

    public static UserAccount Create(UserSignedUp e) => new()
    {
        Id = e.UserId,
        Email = e.Email,
        NormalizedEmail = e.NormalizedEmail,
        DisplayName = e.DisplayName,
        Roles = [Domain.Accounts.Roles.Candidate],
        SignedUpAt = e.SignedUpAt
    };

    public void Apply(EmailVerified e, UserAccount account) => account.EmailVerified = true;

    public void Apply(RoleGranted e, UserAccount account)
    {
        if (account.Roles.Contains(e.Role)) return;
        account.Roles.Add(e.Role);
        account.SecurityVersion++;
    }

    public void Apply(ProfileUpdated e, UserAccount account) =>
        account.Profile = new CandidateProfile(e.TargetRole, e.ExperienceYears, e.Skills, e.ResumeText, e.UpdatedAt);

    public void Apply(AccountLockedOut e, UserAccount account) => account.LockedUntil = e.LockedUntil;

    public void Apply(AccountLockoutEnded e, UserAccount account) => account.LockedUntil = null;

    public void Apply(UserLoggedIn e, UserAccount account)
    {
        account.Sessions.RemoveAll(s => s.ExpiresAt <= e.LoggedInAt);
        account.Sessions.Add(new ActiveSession(e.SessionId, e.RefreshExpiresAt));
    }

    public void Apply(RefreshTokenRotated e, UserAccount account)
    {
        var index = account.Sessions.FindIndex(s => s.Id == e.SessionId);
        if (index >= 0) account.Sessions[index] = new ActiveSession(e.SessionId, e.RefreshExpiresAt);
    }

    public void Apply(SessionRevoked e, UserAccount account) => account.Sessions.RemoveAll(s => s.Id == e.SessionId);

    public void Apply(PasswordChanged e, UserAccount account)
    {
        account.Sessions.Clear();
        account.SecurityVersion++;
    }
}

public static class AccountsStoreConfiguration
{
    public static StoreOptions ConfigureAccounts(this StoreOptions options)
    {
        options.Projections.LiveStreamAggregation<Account>();
        options.Projections.Add<UserAccountProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<UserAccount>().UniqueIndex(x => x.NormalizedEmail);
        return options;
    }
}
