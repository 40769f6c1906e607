using Interview.Domain.Accounts;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;
using JasperFx.Events.Projections;

namespace Interview.Projections.Accounts;

/// <summary>The account as login and /me read it; inline so a signup is visible to the next request.</summary>
public sealed class UserAccount
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string VerificationTokenHash { get; set; } = "";
    public bool EmailVerified { get; set; }
    public List<string> Roles { get; set; } = [];
    public DateTimeOffset SignedUpAt { get; set; }
    public CandidateProfile? Profile { get; set; }
}

public sealed record CandidateProfile(string TargetRole, int ExperienceYears, IReadOnlyList<string> Skills, string? ResumeText, DateTimeOffset UpdatedAt);

public sealed partial class UserAccountProjection : SingleStreamProjection<UserAccount, Guid>
{
    public static UserAccount Create(UserSignedUp e) => new()
    {
        Id = e.UserId,
        Email = e.Email,
        NormalizedEmail = e.NormalizedEmail,
        DisplayName = e.DisplayName,
        PasswordHash = e.PasswordHash,
        VerificationTokenHash = e.VerificationTokenHash,
        Roles = [Roles.Candidate],
        SignedUpAt = e.SignedUpAt
    };

    public void Apply(EmailVerified e, UserAccount account) => account.EmailVerified = true;

    public void Apply(RoleGranted e, UserAccount account)
    {
        if (!account.Roles.Contains(e.Role)) account.Roles.Add(e.Role);
    }

    public void Apply(ProfileUpdated e, UserAccount account) =>
        account.Profile = new CandidateProfile(e.TargetRole, e.ExperienceYears, e.Skills, e.ResumeText, e.UpdatedAt);
}

public static class AccountsStoreConfiguration
{
    public static StoreOptions ConfigureAccounts(this StoreOptions options)
    {
        options.Projections.Add<UserAccountProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<UserAccount>().UniqueIndex(x => x.NormalizedEmail);
        return options;
    }
}
