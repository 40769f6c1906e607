using Interview.Api.Hosting.OpenApi;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Sessions;
using Interview.Domain.Accounts;
using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Interview.Projections.History;
using Interview.Projections.Sessions;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Coaching;

public sealed record TimelineEntry(long Seq, long Version, string Type, DateTimeOffset At, string Summary, JsonElement Data);

public sealed record NoteRequest([Required] string? Text, long? AtVersion, [WireValues(typeof(NoteVisibility))] string? Visibility);

/// <summary>What a coach sees of the interviews candidates shared with them. Without a share, every route is a 404.</summary>
[Authorize(Roles = Roles.Coach)]
public static class CoachInterviews
{
    /// <summary>The interviews candidates shared with the calling coach.</summary>
    [WolverineGet("/api/v1/coach/interviews", OperationId = "CoachInterviews")]
    [Tags("Coaching")]
    public static async Task<IReadOnlyList<InterviewSummary>> List(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var coach = user.UserId();
        return await session.Query<InterviewSummary>().Where(s => s.SharedWith.Contains(coach))
            .OrderByDescending(s => s.CreatedAt).ToListAsync(cancellation);
    }

    /// <summary>Every event of the interview with its version, time, a readable summary and its data (LLM calls included).</summary>
    [WolverineGet("/api/v1/coach/interviews/{id}/timeline", OperationId = "CoachTimeline")]
    [Tags("Coaching")]
    public static async Task<Results<Ok<IReadOnlyList<TimelineEntry>>, ProblemHttpResult>> Timeline(
        Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!await IsShared(session, id, user.UserId(), cancellation)) return Problems.NotFound("interview");
        var coach = user.UserId();
        var events = await session.Events.FetchStreamAsync(id, token: cancellation);
        IReadOnlyList<TimelineEntry> entries = events
            .Where(e => e.Data is not CoachNoteAdded note || note.Visibility == NoteVisibility.Shared || note.CoachId == coach)
            .Select(e => new TimelineEntry(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, TimelineText.Summarize(e.Data),
                JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), JsonSerializerOptions.Web)))
            .ToArray();
        return TypedResults.Ok(entries);
    }

    /// <summary>The interview view exactly as it was at a version (?version=N) or a moment (?at=ISO-8601).</summary>
    [WolverineGet("/api/v1/coach/interviews/{id}/replay", OperationId = "CoachReplay")]
    [Tags("Coaching")]
    public static async Task<Results<Ok<InterviewView>, ProblemHttpResult>> Replay(
        Guid id, long? version, DateTimeOffset? at, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!await IsShared(session, id, user.UserId(), cancellation)) return Problems.NotFound("interview");
        if (version is null == at is null)
            return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["version"] = ["Give exactly one of version or at."] }));
        if (version is < 1) return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["version"] = ["version starts at 1."] }));
        var view = version is not null
            ? await session.Events.AggregateStreamAsync<InterviewView>(id, version.Value, token: cancellation)
            : await session.Events.AggregateStreamAsync<InterviewView>(id, timestamp: at!.Value, token: cancellation);
        return view is null ? Problems.NotFound("interview state at that point") : TypedResults.Ok(view);
    }

    /// <summary>A coach note, stored as an event on the interview stream; shared notes appear in the candidate's view.</summary>
    [WolverinePost("/api/v1/coach/interviews/{id}/notes", OperationId = "CoachNote")]
    [Tags("Coaching")]
    public static async Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Note(
        Guid id, NoteRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var state = await session.Events.FetchStreamStateAsync(id, cancellation);
        var coach = user.UserId();
        var name = user.FindFirst("name")?.Value ?? "Coach";
        return await InterviewCommands.Run(session, id, user,
            interview => CoachingDecider.AddNote(interview, coach, name, request.Text, request.AtVersion, request.Visibility,
                state?.Version ?? 0, Guid.CreateVersion7(), clock.GetUtcNow()),
            cancellation, mayAct: interview => interview.IsSharedWith(coach));
    }

    public static async Task<bool> IsShared(IQuerySession session, Guid id, Guid coach, CancellationToken cancellation) =>
        await session.LoadAsync<InterviewSummary>(id, cancellation) is { } summary && summary.SharedWith.Contains(coach);
}

/// <summary>One readable line per event, for the coach's timeline.</summary>
public static class TimelineText
{
    public static string Summarize(object data) => data switch
    {
        InterviewCreated e => $"Interview created: {e.Config.Role} ({EnumText.Wire(e.Config.Level)}), {EnumText.Wire(e.Config.Type)}, {EnumText.Wire(e.Config.Difficulty)}, {e.Config.CompanyStyle} style, {e.Config.QuestionCount} questions",
        InterviewStarted => "Interview started",
        InterviewerGreeted e => $"Interviewer greeted ({EnumText.Wire(e.Source)})",
        WarmUpAsked e => $"Warm-up asked: {Clip(e.Text)}",
        QuestionAsked e => $"Question {e.Number} asked ({e.QuestionId}, {EnumText.Wire(e.Difficulty)}, {EnumText.Wire(e.Source)}): {Clip(e.Text)}. Why: {e.Reason}",
        FollowUpAsked e => $"Follow-up {e.FollowUpNumber} on {e.QuestionId} ({EnumText.Wire(e.Source)}): {Clip(e.Text)}. Why: {e.Reason}",
        AnswerSubmitted e => $"Answer {e.AnswerNumber} to the {EnumText.Wire(e.RespondingTo)} ({e.Text.Length} characters): {Clip(e.Text)}",
        AnswerAssessed e => $"Answer assessed: {e.Assessment.Summary}; decision: {e.Decision}",
        InterviewClosed e => $"Interview closed: {e.Reason}",
        InterviewPaused => "Interview paused",
        InterviewResumed => "Interview resumed",
        InterviewFinalized e => $"Interview finalized{(e.EndedEarly ? " early" : "")} with {e.QuestionsAnswered} questions answered",
        LlmCallRecorded e => $"LLM call {e.Purpose} ({e.Provider} {e.Model}, {e.PromptVersion}): {EnumText.Wire(e.Outcome)} in {e.LatencyMs} ms, {e.TokensIn}+{e.TokensOut} tokens{(e.UsedOfflineFallback ? ", offline engine used instead" : "")}",
        ReportRequested e => $"Report v{e.ReportVersion} requested: {e.Reason}",
        ReportGenerationStarted e => $"Report v{e.ReportVersion} generation started (attempt {e.Attempt})",
        ReportAttemptFailed e => $"Report v{e.ReportVersion} attempt {e.Attempt} failed: {e.Error}",
        ReportFailed e => $"Report v{e.ReportVersion} failed after {e.Attempts} attempts: {e.Error}",
        ReportGenerated e => $"Report v{e.Report.Version} generated: {e.Report.OverallScore}/100 by the {EnumText.Wire(e.Report.ScoredBy.Kind)} scorer",
        InterviewShared e => $"Shared with coach {e.CoachEmail}",
        InterviewShareRevoked => "Coach access revoked",
        CoachNoteAdded e => $"{(e.Visibility == NoteVisibility.Shared ? "Shared" : "Private")} note by {e.CoachName}{(e.AtVersion is null ? "" : $" at version {e.AtVersion}")}: {Clip(e.Text)}",
        _ => data.GetType().Name
    };

    private static string Clip(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
