using System.IO.Compression;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using JasperFx.Events;
using Marten;

namespace Interview.Api.Privacy;

/// <summary>
/// What a coach left on other people's interviews: the shares naming their e-mail address and the notes they signed.
/// Exported to the coach; erasure masks exactly those events on the candidates' streams and rebuilds those interviews'
/// views (the candidate keeps their interview, without the erased coach's name, address or notes).
/// </summary>
public sealed class CoachingData(IDocumentStore store) : IPersonalDataSource
{
    public async Task ExportAsync(Guid userId, ZipArchive zip, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = (await UserStreams.EventsAsync(session, await InterviewsCoachedAsync(session, userId, ct), ct)).Where(e => ByCoach(e, userId));
        await zip.WriteEventsAsync("coaching/events.jsonl", events, null, ct);
    }

    public async Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct)
    {
        IReadOnlyList<Guid> interviews;
        await using (var session = store.QuerySession()) interviews = await InterviewsCoachedAsync(session, userId, ct);
        if (interviews.Count == 0) return;
        await store.Advanced.ApplyEventDataMasking(masking =>
        {
            foreach (var interview in interviews) masking.IncludeStream(interview, e => ByCoach(e, userId));
        }, ct);
        foreach (var interview in interviews) await store.Advanced.RebuildSingleStreamAsync<InterviewView>(interview, ct);
    }

    private static bool ByCoach(IEvent e, Guid coachId) =>
        e.Data is InterviewShared share && share.CoachId == coachId || e.Data is CoachNoteAdded note && note.CoachId == coachId;

    private static async Task<IReadOnlyList<Guid>> InterviewsCoachedAsync(IQuerySession session, Guid coachId, CancellationToken ct) =>
        (await session.Events.QueryRawEventDataOnly<InterviewShared>().Where(e => e.CoachId == coachId).ToListAsync(ct))
        .Select(e => e.InterviewId).Distinct().ToArray();
}
