using Interview.Api.Hosting.OpenApi;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Sessions;

public sealed record CreateInterviewRequest(
    [Required, WireValues(typeof(Catalog), nameof(Catalog.Tracks))] string? Track,
    [Required] string? Role,
    [Required, WireValues(typeof(Domain.Common.InterviewLevel))] string? Level,
    [Required, WireValues(typeof(Domain.Common.InterviewType))] string? Type,
    [Required, WireValues(typeof(Domain.Common.Difficulty))] string? Difficulty,
    [WireValues(typeof(Catalog), nameof(Catalog.CompanyStyles))] string? CompanyStyle,
    IReadOnlyList<string>? TechStack, int? QuestionCount);

public sealed record InterviewCreatedResponse(Guid Id);

public static class CreateInterview
{
    public static ProblemDetails Validate(CreateInterviewRequest r) =>
        Problems.Validation(InterviewConfigRules.Parse(r.Track, r.Role, r.Level, r.Type, r.Difficulty, r.CompanyStyle, r.TechStack, r.QuestionCount).Errors);

    /// <summary>Creates a mock interview (not started yet). companyStyle defaults to general, questionCount to 5.</summary>
    [WolverinePost("/api/v1/interviews", OperationId = "CreateInterview")]
    [Tags("Interviews")]
    public static Created<InterviewCreatedResponse> Post(
        CreateInterviewRequest r, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock)
    {
        var config = InterviewConfigRules.Parse(r.Track, r.Role, r.Level, r.Type, r.Difficulty, r.CompanyStyle, r.TechStack, r.QuestionCount).Config!;
        var id = Guid.CreateVersion7();
        session.Events.StartStream<InterviewSession>(id, new InterviewCreated(id, user.UserId(), config, clock.GetUtcNow()));
        return TypedResults.Created($"/api/v1/interviews/{id}", new InterviewCreatedResponse(id));
    }
}
