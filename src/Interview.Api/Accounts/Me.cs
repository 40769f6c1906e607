using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record MeResponse(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool EmailVerified,
    DateTimeOffset SignedUpAt, CandidateProfile? Profile);

public sealed record UpdateProfileRequest([Required] string? TargetRole, int ExperienceYears, IReadOnlyList<string>? Skills, string? ResumeText);

public static class Me
{
    /// <summary>The caller's account: e-mail, display name, roles, verification and profile (null until one is saved).</summary>
    [WolverineGet("/api/v1/me", OperationId = "GetMe")]
    [Tags("Accounts")]
    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var account = await session.LoadAsync<UserAccount>(user.UserId(), cancellation);
        return account is null
            ? Problems.NotFound("account")
            : TypedResults.Ok(new MeResponse(account.Id, account.Email, account.DisplayName, account.Roles, account.EmailVerified,
                account.SignedUpAt, account.Profile));
    }

    /// <summary>Replaces the profile; skills named in resumeText are added to the listed skills.</summary>
    [WolverinePut("/api/v1/me/profile", OperationId = "UpdateProfile")]
    [Tags("Accounts")]
    public static async Task<Results<Ok<CandidateProfile>, ProblemHttpResult>> Put(
        UpdateProfileRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var errors = AccountRules.ValidateProfile(request.TargetRole, request.ExperienceYears, request.Skills, request.ResumeText);
        if (errors.Count > 0) return TypedResults.Problem(Problems.Validation(errors));
        var account = await session.LoadAsync<UserAccount>(user.UserId(), cancellation);
        if (account is null) return Problems.NotFound("account");

        var skills = (request.Skills ?? []).Select(s => s.Trim().ToLowerInvariant())
            .Concat(AccountRules.ExtractSkills(request.ResumeText)).Distinct().ToArray();
        var updated = new ProfileUpdated(account.Id, request.TargetRole!.Trim(), request.ExperienceYears, skills, request.ResumeText, clock.GetUtcNow());
        session.Events.Append(account.Id, updated);
        return TypedResults.Ok(new CandidateProfile(updated.TargetRole, updated.ExperienceYears, skills, updated.ResumeText, updated.UpdatedAt));
    }
}
