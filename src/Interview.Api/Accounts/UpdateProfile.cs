using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Accounts;

public sealed record UpdateProfileRequest([Required] string? TargetRole, int ExperienceYears, IReadOnlyList<string>? Skills, string? ResumeText);

public static class UpdateProfile
{
    public static ProblemDetails Validate(UpdateProfileRequest request) =>
        Problems.Validation(AccountRules.ValidateProfile(request.TargetRole, request.ExperienceYears, request.Skills, request.ResumeText));

    /// <summary>Replaces the profile; skills named in resumeText are added to the listed skills.</summary>
    [WolverinePut("/api/v1/me/profile", OperationId = "UpdateProfile")]
    [Tags("Accounts")]
    public static async Task<Results<Ok<CandidateProfile>, ProblemHttpResult>> Put(
        UpdateProfileRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Account>(user.UserId(), cancellation);
        if (stream.Aggregate is null) return Problems.NotFound("account");
        var decision = AccountDecider.UpdateProfile(stream.Aggregate, request.TargetRole!, request.ExperienceYears, request.Skills,
            request.ResumeText, clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        var updated = decision.Events.OfType<ProfileUpdated>().Single();
        return TypedResults.Ok(new CandidateProfile(updated.TargetRole, updated.ExperienceYears, updated.Skills, updated.ResumeText, updated.UpdatedAt));
    }
}
