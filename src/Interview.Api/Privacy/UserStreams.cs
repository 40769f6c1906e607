using Interview.Domain.Accounts;
using Interview.Domain.Prep;
using Interview.Domain.Sessions;
using Marten;

namespace Interview.Api.Privacy;

/// <summary>
/// The streams that belong to a person, found from the events that start them (erasure keeps these ids, so a second
/// erasure finds the same streams).
/// </summary>
public static class UserStreams
{
    public static async Task<IReadOnlyList<Guid>> EmailClaimsAsync(IQuerySession session, Guid userId, CancellationToken ct) =>
        (await session.Events.QueryRawEventDataOnly<EmailAddressClaimed>().Where(e => e.UserId == userId).ToListAsync(ct))
        .Select(e => e.ClaimId).Distinct().ToArray();

    public static async Task<IReadOnlyList<Guid>> InterviewsAsync(IQuerySession session, Guid userId, CancellationToken ct) =>
        (await session.Events.QueryRawEventDataOnly<InterviewCreated>().Where(e => e.CandidateId == userId).ToListAsync(ct))
        .Select(e => e.InterviewId).Distinct().ToArray();

    public static async Task<IReadOnlyList<Guid>> PrepPacksAsync(IQuerySession session, Guid userId, CancellationToken ct) =>
        (await session.Events.QueryRawEventDataOnly<PrepPackGenerated>().Where(e => e.CandidateId == userId).ToListAsync(ct))
        .Select(e => e.PackId).Distinct().ToArray();

    public static async Task<IReadOnlyList<Guid>> PrepCacheSlotsAsync(IQuerySession session, Guid userId, CancellationToken ct) =>
        (await session.Events.QueryRawEventDataOnly<PrepPackCached>().Where(e => e.CandidateId == userId).ToListAsync(ct))
        .Select(e => e.SlotId).Distinct().ToArray();

    public static async Task<IReadOnlyList<Guid>> WebhooksAsync(IQuerySession session, Guid userId, CancellationToken ct) =>
        (await session.Events.QueryRawEventDataOnly<Domain.Webhooks.WebhookRegistered>().Where(e => e.OwnerId == userId).ToListAsync(ct))
        .Select(e => e.WebhookId).Distinct().ToArray();

    /// <summary>Every id under which the person's data may be referred to: the user id and all of their stream ids.</summary>
    public static async Task<IReadOnlyList<Guid>> AllIdsAsync(IQuerySession session, Guid userId, CancellationToken ct) =>
    [
        userId,
        .. await EmailClaimsAsync(session, userId, ct), .. await InterviewsAsync(session, userId, ct),
        .. await PrepPacksAsync(session, userId, ct), .. await PrepCacheSlotsAsync(session, userId, ct), .. await WebhooksAsync(session, userId, ct)
    ];

    /// <summary>Every event of the streams, in the order they were stored.</summary>
    public static async Task<IReadOnlyList<JasperFx.Events.IEvent>> EventsAsync(IQuerySession session, IEnumerable<Guid> streams, CancellationToken ct)
    {
        var events = new List<JasperFx.Events.IEvent>();
        foreach (var stream in streams) events.AddRange(await session.Events.FetchStreamAsync(stream, token: ct));
        return events.OrderBy(e => e.Sequence).ToArray();
    }

    /// <summary>
    /// Marten's masking of protected information, applied in place to every event of these streams; each stream is then
    /// remembered with the version masked through, so events appended later by work already under way are found and masked.
    /// </summary>
    public static async Task MaskAsync(IDocumentStore store, IReadOnlyCollection<Guid> streams, CancellationToken ct)
    {
        if (streams.Count == 0) return;
        await store.Advanced.ApplyEventDataMasking(masking =>
        {
            foreach (var stream in streams) masking.IncludeStream(stream);
        }, ct);
        await using var session = store.LightweightSession();
        foreach (var stream in streams)
            if (await session.Events.FetchStreamStateAsync(stream, ct) is { } state)
                session.Store(new ErasedStream { Id = stream, MaskedThroughVersion = state.Version });
        await session.SaveChangesAsync(ct);
    }
}

/// <summary>A stream whose personal data was erased, masked through this version.</summary>
public sealed class ErasedStream
{
    public Guid Id { get; set; }
    public long MaskedThroughVersion { get; set; }
}
