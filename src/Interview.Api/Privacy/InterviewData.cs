using System.IO.Compression;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Projections.History;
using Interview.Projections.Reports;
using Interview.Projections.Sessions;
using Interview.Projections.Statistics;
using JasperFx.Events;
using Marten;

namespace Interview.Api.Privacy;

/// <summary>
/// The person's interview streams (turns, answers, reports, coach notes) and the read models built from them: the interview
/// views, history, reports, statistics and question history.
/// </summary>
public sealed class InterviewData(IDocumentStore store, TimeProvider clock) : IPersonalDataSource
{
    public const string PrivateNoteWithheld = "(a coach's private note: not shared with the candidate)";

    public async Task ExportAsync(Guid userId, ZipArchive zip, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var interviews = await UserStreams.InterviewsAsync(session, userId, ct);
        await zip.WriteEventsAsync("interviews/events.jsonl", await UserStreams.EventsAsync(session, interviews, ct), WithoutPrivateNotes, ct);
        foreach (var id in interviews)
        {
            await zip.WriteJsonAsync($"interviews/{id}/interview.json", await session.LoadAsync<InterviewView>(id, ct), ct);
            await zip.WriteJsonAsync($"interviews/{id}/summary.json", await session.LoadAsync<InterviewSummary>(id, ct), ct);
            await zip.WriteJsonAsync($"interviews/{id}/reports.json", await session.LoadAsync<InterviewReports>(id, ct), ct);
        }
        await zip.WriteJsonAsync("interviews/statistics.json", await session.LoadAsync<CandidateStatistics>(userId, ct), ct);
        await zip.WriteJsonAsync("interviews/question-history.json", await session.LoadAsync<CandidateQuestionHistory>(userId, ct), ct);
    }

    /// <summary>Notes a coach kept private are the coach's working notes: the export says one exists, not what it says.</summary>
    public static object WithoutPrivateNotes(IEvent e) =>
        e.Data is CoachNoteAdded { Visibility: NoteVisibility.Private } note ? note with { Text = PrivateNoteWithheld } : e.Data;

    public async Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct)
    {
        IReadOnlyList<Guid> interviews;
        await using (var query = store.QuerySession()) interviews = await UserStreams.InterviewsAsync(query, userId, ct);
        await EraseInterviewsAsync(interviews.Select(id => (id, userId)).ToArray(), reason, ct);
        await using var session = store.LightweightSession();
        session.Delete<CandidateStatistics>(userId);
        session.Delete<CandidateQuestionHistory>(userId);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Records the erasure on each interview stream (its inline read models delete themselves on that event), then masks
    /// every event of the streams in place. Streams erased before get no second event but are masked again.
    /// </summary>
    public async Task EraseInterviewsAsync(IReadOnlyList<(Guid Interview, Guid Candidate)> interviews, ErasureReason reason, CancellationToken ct)
    {
        if (interviews.Count == 0) return;
        var ids = interviews.Select(i => i.Interview).ToArray();
        await using (var session = store.LightweightSession())
        {
            var erased = (await session.Events.QueryRawEventDataOnly<InterviewDataErased>().Where(e => ids.Contains(e.InterviewId)).ToListAsync(ct))
                .Select(e => e.InterviewId).ToHashSet();
            var now = clock.GetUtcNow();
            foreach (var (interview, candidate) in interviews.Where(i => !erased.Contains(i.Interview)))
                session.Events.Append(interview, new InterviewDataErased(interview, candidate, reason, now));
            await session.SaveChangesAsync(ct);
        }
        await UserStreams.MaskAsync(store, ids, ct);
    }
}
