using Interview.Api.Hosting.OpenApi;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Sessions;
using Interview.Domain.Accounts;
using Interview.Domain.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Coaching;

public sealed record NoteRequest([Required] string? Text, long? AtVersion, [WireValues(typeof(NoteVisibility))] string? Visibility);

[Authorize(Roles = Roles.Coach)]
public static class AddCoachNote
{
    public static ProblemDetails Validate(InterviewSession? interview, ClaimsPrincipal user) => InterviewReply.SharedWith(interview, user);

    /// <summary>A coach note, stored as an event on the interview stream; shared notes appear in the candidate's view.</summary>
    [WolverinePost("/api/v1/coach/interviews/{id}/notes", OperationId = "CoachNote")]
    [Tags("Coaching")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        NoteRequest request, [WriteAggregate(Required = false)] InterviewSession interview, ClaimsPrincipal user, TimeProvider clock) =>
        InterviewReply.Of(interview, CoachingDecider.AddNote(interview, user.UserId(), user.FindFirst("name")?.Value ?? "Coach",
            request.Text, request.AtVersion, request.Visibility, interview.Version, Guid.CreateVersion7(), clock.GetUtcNow()));
}
