using System.IO.Compression;
using Interview.Domain.Common;
using Interview.Domain.Prep;
using Interview.Projections.Prep;
using Marten;

namespace Interview.Api.Privacy;

/// <summary>The person's prep packs (company, title and industry they typed, the pack written for them, their practice) and cache slots.</summary>
public sealed class PrepData(IDocumentStore store, TimeProvider clock) : IPersonalDataSource
{
    public async Task ExportAsync(Guid userId, ZipArchive zip, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var packs = await UserStreams.PrepPacksAsync(session, userId, ct);
        var slots = await UserStreams.PrepCacheSlotsAsync(session, userId, ct);
        await zip.WriteEventsAsync("prep/events.jsonl", await UserStreams.EventsAsync(session, [.. packs, .. slots], ct), null, ct);
        foreach (var id in packs) await zip.WriteJsonAsync($"prep/{id}.json", await session.LoadAsync<PrepPackView>(id, ct), ct);
    }

    public async Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct)
    {
        IReadOnlyList<Guid> packs, slots;
        await using (var session = store.LightweightSession())
        {
            packs = await UserStreams.PrepPacksAsync(session, userId, ct);
            slots = await UserStreams.PrepCacheSlotsAsync(session, userId, ct);
            var erased = (await session.Events.QueryRawEventDataOnly<PrepPackDataErased>().Where(e => e.CandidateId == userId).ToListAsync(ct))
                .Select(e => e.PackId).ToHashSet();
            var now = clock.GetUtcNow();
            foreach (var pack in packs.Where(p => !erased.Contains(p)))
                session.Events.Append(pack, new PrepPackDataErased(pack, userId, reason, now));
            await session.SaveChangesAsync(ct);
        }
        await UserStreams.MaskAsync(store, [.. packs, .. slots], ct);
    }
}
