namespace Interview.Domain.Accounts;

public static class Roles
{
    public const string Candidate = "candidate";
    public const string Coach = "coach";
    public const string Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Candidate, Coach, Admin];
}

/// <summary>Starts the account stream. Only hashes of the password and the verification token are kept.</summary>
public sealed record UserSignedUp(
    Guid UserId, string Email, string NormalizedEmail, string DisplayName, string PasswordHash,
    string VerificationTokenHash, DateTimeOffset SignedUpAt, DateTimeOffset? VerificationExpiresAt = null);

/// <summary>Starts the e-mail address's own stream (id derived from the address): a second signup collides on it.</summary>
public sealed record EmailAddressClaimed(Guid ClaimId, string NormalizedEmail, Guid UserId, DateTimeOffset ClaimedAt);

public sealed record VerificationTokenIssued(Guid UserId, string VerificationTokenHash, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

public sealed record EmailVerified(Guid UserId, DateTimeOffset VerifiedAt);

public sealed record RoleGranted(Guid UserId, string Role, Guid? GrantedBy, string Reason, DateTimeOffset GrantedAt);

public sealed record ProfileUpdated(
    Guid UserId, string TargetRole, int ExperienceYears, IReadOnlyList<string> Skills, string? ResumeText, DateTimeOffset UpdatedAt);

public sealed record LoginFailed(Guid UserId, int FailedAttempts, DateTimeOffset FailedAt);

public sealed record AccountLockedOut(Guid UserId, int FailedAttempts, DateTimeOffset LockedAt, DateTimeOffset LockedUntil);

public sealed record AccountLockoutEnded(Guid UserId, DateTimeOffset EndedAt);

/// <summary>A login starts a session: a family of refresh tokens, of which only the newest is valid.</summary>
public sealed record UserLoggedIn(Guid UserId, Guid SessionId, string RefreshTokenHash, DateTimeOffset RefreshExpiresAt, DateTimeOffset LoggedInAt);

public sealed record RefreshTokenRotated(
    Guid UserId, Guid SessionId, string PreviousTokenHash, string RefreshTokenHash, DateTimeOffset RefreshExpiresAt, DateTimeOffset RotatedAt);

public enum SessionEndReason { LoggedOut, RefreshTokenReused }

public sealed record SessionRevoked(Guid UserId, Guid SessionId, SessionEndReason Reason, DateTimeOffset RevokedAt);

/// <summary>Ends every session and every access token issued before it.</summary>
public sealed record PasswordChanged(Guid UserId, string PasswordHash, DateTimeOffset ChangedAt);

/// <summary>
/// The account's personal data was erased (by the user, or by an admin named in ErasedBy). It carries nothing that was
/// erased: the e-mail address, names, profile and answers are gone from every event and read model.
/// </summary>
public sealed record AccountErased(Guid UserId, Guid? ErasedBy, DateTimeOffset ErasedAt);

/// <summary>The person downloaded everything held about them (an audit record: what was exported is not repeated here).</summary>
public sealed record PersonalDataExported(Guid UserId, DateTimeOffset ExportedAt);
