using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Interview.Api.Auth;
using Interview.Api.Coaching;
using Interview.Api.Hosting;
using Interview.Api.Live;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Interview.Api.Sessions;

/// <summary>One Server-Sent Event: <c>id:</c> is the stream version of the event it describes.</summary>
public sealed record LiveEvent(long Version, string Name, object Data);

/// <summary>
/// GET /api/v1/interviews/{id}/stream: each new turn, status change and report readiness as Server-Sent Events, for
/// the owner and the coaches it is shared with. A waiting client holds no database connection: it wakes on the
/// process's LISTEN/NOTIFY fan-out (<see cref="StreamChanges"/>) and then reads only the events after its last id.
/// </summary>
public static class StreamInterview
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapInterviewStream(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/interviews/{id:guid}/stream", Stream)
            .WithName("StreamInterview")
            .WithTags("Interviews")
            .WithSummary("Live interview events (Server-Sent Events)")
            .WithDescription(
                "A `text/event-stream` that stays open: `retry: 2000` first, then one event per change of the interview, each " +
                "`id: <stream version>`, `event: turn|status|report` and one `data:` line of JSON, and a `: keep-alive` comment " +
                "every 15 s of silence. `turn`: `{ version, turn: { seq, speaker, kind, text, questionId?, at, ... }, awaiting, asked? }`; " +
                "`status`: `{ version, status, awaiting?, endedEarly? }`; `report`: `{ version, status: queued|failed|ready, reportVersion?, " +
                "attempts?, overallScore? }`. Without `Last-Event-ID` every event of the interview so far is sent first. Reconnect " +
                "with the `Last-Event-ID` header (or `?lastEventId=`, for clients that cannot set headers) to resume after that " +
                "version with no gap and no duplicate. Only the owner and coaches it is shared with may watch; anyone else gets a 404.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<IResult> Stream(
        Guid id,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader,
        [FromQuery(Name = "lastEventId")] string? lastEventId,
        HttpContext http, ClaimsPrincipal user, IDocumentStore store, StreamChanges changes, CancellationToken cancellation)
    {
        var resumeFrom = lastEventIdHeader ?? lastEventId;
        long after = 0;
        if (resumeFrom is { Length: > 0 } && (!long.TryParse(resumeFrom, out after) || after < 0))
            return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]>
            {
                ["Last-Event-ID"] = ["Last-Event-ID is the non-negative stream version of the last event received."]
            }));

        if (!await MayWatch(store, id, user.UserId(), cancellation)) return Problems.NotFound("interview");

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.WriteAsync("retry: 2000\n\n", cancellation);
        await http.Response.Body.FlushAsync(cancellation);

        var turnsBefore = -1;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var next = changes.NextChange(id);
                IReadOnlyList<IEvent> events;
                await using (var session = store.QuerySession())
                {
                    if (!await MayWatch(session, id, user.UserId(), cancellation)) return Results.Empty;
                    events = await session.Events.FetchStreamAsync(id, fromVersion: turnsBefore < 0 ? 0 : after + 1, token: cancellation);
                }
                if (turnsBefore < 0) turnsBefore = events.Count(e => e.Version <= after && IsTurn(e.Data));
                foreach (var e in events.Where(e => e.Version > after))
                {
                    if (IsTurn(e.Data)) turnsBefore++;
                    if (Describe(e, turnsBefore) is { } live) await Write(http, live, cancellation);
                    after = e.Version;
                }
                await http.Response.Body.FlushAsync(cancellation);

                try
                {
                    await next.WaitAsync(KeepAlive, cancellation);
                }
                catch (TimeoutException)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", cancellation);
                    await http.Response.Body.FlushAsync(cancellation);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        // The events are already written: nothing is left for the framework to send.
        return Results.Empty;
    }

    private static async Task<bool> MayWatch(IDocumentStore store, Guid id, Guid caller, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        return await MayWatch(session, id, caller, cancellation);
    }

    /// <summary>As for GET /interviews/{id}: the owner, or a coach it is shared with; anyone else gets a 404.</summary>
    private static async Task<bool> MayWatch(IQuerySession session, Guid id, Guid caller, CancellationToken cancellation) =>
        await session.LoadAsync<InterviewView>(id, cancellation) is { } view
        && (view.CandidateId == caller || await CoachInterviews.IsShared(session, id, caller, cancellation));

    private static bool IsTurn(object data) =>
        data is InterviewerGreeted or WarmUpAsked or QuestionAsked or FollowUpAsked or AnswerSubmitted or InterviewClosed;

    public static LiveEvent? Describe(IEvent e, int seq) => e.Data switch
    {
        InterviewerGreeted g => TurnEvent(e, new Turn(seq, Speaker.Interviewer, TurnKind.Greeting, g.Text, null, g.At, GeneratedBy: g.Source), Awaiting.Interviewer),
        WarmUpAsked w => TurnEvent(e, new Turn(seq, Speaker.Interviewer, TurnKind.Question, w.Text, null, w.At, IsWarmUp: true, GeneratedBy: w.Source), Awaiting.Candidate),
        QuestionAsked q => TurnEvent(e, new Turn(seq, Speaker.Interviewer, TurnKind.Question, q.Text, q.QuestionId, q.At, Difficulty: q.Difficulty, Type: q.Type, GeneratedBy: q.Source), Awaiting.Candidate, q.Number),
        FollowUpAsked f => TurnEvent(e, new Turn(seq, Speaker.Interviewer, TurnKind.FollowUp, f.Text, f.QuestionId, f.At, GeneratedBy: f.Source), Awaiting.Candidate),
        AnswerSubmitted a => TurnEvent(e, new Turn(seq, Speaker.Candidate, TurnKind.Answer, a.Text, a.QuestionId, a.AnsweredAt), Awaiting.Interviewer),
        InterviewClosed c => TurnEvent(e, new Turn(seq, Speaker.Interviewer, TurnKind.Closing, c.Text, null, c.At, GeneratedBy: c.Source), Awaiting.Nothing),
        InterviewStarted => Status(e, InterviewStatus.InProgress, Awaiting.Interviewer),
        InterviewPaused => Status(e, InterviewStatus.Paused, null),
        InterviewResumed => Status(e, InterviewStatus.InProgress, null),
        InterviewFinalized f => new LiveEvent(e.Version, "status", new { version = e.Version, status = InterviewStatus.Finalized, awaiting = Awaiting.Nothing, endedEarly = f.EndedEarly }),
        InterviewAbandoned => Status(e, InterviewStatus.Abandoned, Awaiting.Nothing),
        ReportRequested r => new LiveEvent(e.Version, "report", new { version = e.Version, status = "queued", reportVersion = r.ReportVersion }),
        ReportFailed f => new LiveEvent(e.Version, "report", new { version = e.Version, status = "failed", reportVersion = f.ReportVersion, attempts = f.Attempts }),
        ReportGenerated g => new LiveEvent(e.Version, "report", new { version = e.Version, status = "ready", overallScore = g.Report.OverallScore }),
        _ => null
    };

    private static LiveEvent TurnEvent(IEvent e, Turn turn, Awaiting awaiting, int? asked = null) =>
        new(e.Version, "turn", new { version = e.Version, turn, awaiting, asked });

    private static LiveEvent Status(IEvent e, InterviewStatus status, Awaiting? awaiting) =>
        new(e.Version, "status", new { version = e.Version, status, awaiting });

    private static async Task Write(HttpContext http, LiveEvent live, CancellationToken cancellation)
    {
        var text = new StringBuilder()
            .Append("id: ").Append(live.Version).Append('\n')
            .Append("event: ").Append(live.Name).Append('\n')
            .Append("data: ").Append(JsonSerializer.Serialize(live.Data, JsonSerializerOptions.Web)).Append("\n\n");
        await http.Response.WriteAsync(text.ToString(), cancellation);
    }
}
