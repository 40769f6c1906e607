namespace Interview.Domain.Accounts;

public static class Roles
{
    public const string Candidate = "candidate";
    public const string Coach = "coach";
    public const string Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Candidate, Coach, Admin];
}

public sealed record UserSignedUp(
    Guid UserId, string Email, string NormalizedEmail, string DisplayName, string PasswordHash,
    string VerificationTokenHash, DateTimeOffset SignedUpAt);

public sealed record EmailVerified(Guid UserId, DateTimeOffset VerifiedAt);

public sealed record RoleGranted(Guid UserId, string Role, Guid? GrantedBy, string Reason, DateTimeOffset GrantedAt);

public sealed record ProfileUpdated(
    Guid UserId, string TargetRole, int ExperienceYears, IReadOnlyList<string> Skills, string? ResumeText, DateTimeOffset UpdatedAt);
