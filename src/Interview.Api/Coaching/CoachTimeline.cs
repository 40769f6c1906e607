using System.Security.Claims;
using System.Text.Json;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Coaching;

public sealed record TimelineEntry(long Seq, long Version, string Type, DateTimeOffset At, string Summary, JsonElement Data);

[Authorize(Roles = Roles.Coach)]
public static class CoachTimeline
{
    /// <summary>Every event of the interview with its version, time, a readable summary and its data (LLM calls included).</summary>
    [WolverineGet("/api/v1/coach/interviews/{id}/timeline", OperationId = "CoachTimeline")]
    [Tags("Coaching")]
    public static async Task<Results<Ok<PagedList<TimelineEntry>>, ProblemHttpResult>> Get(
        Guid id, int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!Paging.IsValid(page, pageSize, out var request, out var problem)) return problem;
        if (!await CoachInterviews.IsShared(session, id, user.UserId(), cancellation)) return Problems.NotFound("interview");
        var coach = user.UserId();
        var events = await session.Events.FetchStreamAsync(id, token: cancellation);
        var entries = events
            .Where(e => e.Data is not CoachNoteAdded note || note.Visibility == NoteVisibility.Shared || note.CoachId == coach)
            .Select(e => new TimelineEntry(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, TimelineText.Summarize(e.Data),
                JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), JsonSerializerOptions.Web)))
            .ToArray();
        return TypedResults.Ok(request.Slice(entries));
    }
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
