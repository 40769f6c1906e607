using System.IO.Compression;
using Interview.Api.Privacy;
using Interview.Domain.Common;
using Interview.Domain.Webhooks;
using Interview.Projections.Webhooks;
using Marten;

namespace Interview.Api.Webhooks;

/// <summary>
/// The person's webhooks (URLs can name them) with their delivery logs, and every delivery about them. Erasure removes
/// their webhooks, destroys the secrets, masks the URLs in the webhook streams and deletes the deliveries.
/// </summary>
public sealed class WebhookData(IDocumentStore store, TimeProvider clock) : IPersonalDataSource
{
    public async Task ExportAsync(Guid userId, ZipArchive zip, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        await zip.WriteEventsAsync("webhooks/events.jsonl", await UserStreams.EventsAsync(session, await UserStreams.WebhooksAsync(session, userId, ct), ct), null, ct);
        var hooks = await session.Query<WebhookRegistration>().Where(w => w.OwnerId == userId).ToListAsync(ct);
        await zip.WriteJsonAsync("webhooks/webhooks.json", hooks, ct);
        await zip.WriteJsonAsync("webhooks/deliveries.json",
            await session.Query<WebhookDelivery>().Where(d => d.OwnerId == userId || d.SubjectId == userId).ToListAsync(ct), ct);
    }

    public async Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct)
    {
        IReadOnlyList<Guid> streams;
        await using (var session = store.LightweightSession())
        {
            streams = await UserStreams.WebhooksAsync(session, userId, ct);
            var live = await session.Query<WebhookRegistration>().Where(w => w.OwnerId == userId).ToListAsync(ct);
            foreach (var hook in live)
            {
                session.Events.Append(hook.Id, new WebhookRemoved(hook.Id, userId, clock.GetUtcNow()));
                session.Delete<WebhookSecret>(hook.Id);
            }
            session.DeleteWhere<WebhookDelivery>(d => d.OwnerId == userId || d.SubjectId == userId);
            await session.SaveChangesAsync(ct);
        }
        await UserStreams.MaskAsync(store, streams, ct);
    }
}
