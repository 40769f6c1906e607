using Interview.Projections.Webhooks;
using Marten;
using Wolverine;

namespace Interview.Api.Webhooks;

/// <summary>A delivery failed (non-2xx, timeout, refused address); Wolverine retries it with backoff, then dead-letters it.</summary>
public sealed class WebhookDeliveryFailed(string message) : Exception(message);

public static class DeliverWebhookHandler
{
    /// <summary>
    /// One attempt. Its outcome is committed to the delivery log before a failure is thrown to Wolverine's retry policy,
    /// so the log shows every attempt; the last one marks the delivery dead-lettered.
    /// </summary>
    public static async Task Handle(DeliverWebhook message, Envelope envelope, IDocumentStore store, WebhookSender sender, WebhookSettings settings,
        TimeProvider clock, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var delivery = await session.LoadAsync<WebhookDelivery>(message.DeliveryId, cancellation);
        if (delivery is null || delivery.Status is DeliveryStatus.Delivered or DeliveryStatus.Cancelled) return;
        var endpoint = await session.LoadAsync<WebhookRegistration>(delivery.WebhookId, cancellation);
        var secret = await session.LoadAsync<WebhookSecret>(delivery.WebhookId, cancellation);
        var now = clock.GetUtcNow();
        if (endpoint is null || secret is null)
        {
            delivery.Status = DeliveryStatus.Cancelled;
            delivery.CompletedAt = now;
            session.Store(delivery);
            await session.SaveChangesAsync(cancellation);
            return;
        }

        var attempt = delivery.Attempts.Count + 1;
        var refused = await sender.CheckAsync(new Uri(endpoint.Url), cancellation);
        var result = refused is null
            ? await sender.SendAsync(endpoint.Url, secret.Secret, delivery, attempt, now, cancellation)
            : new DeliveryAttempt(attempt, now, null, refused, 0);
        delivery.Attempts.Add(result);
        var delivered = result.StatusCode is >= 200 and < 300;
        var last = envelope.Attempts >= settings.MaxAttempts;
        delivery.Status = delivered ? DeliveryStatus.Delivered : last ? DeliveryStatus.DeadLettered : DeliveryStatus.Retrying;
        if (delivered || last) delivery.CompletedAt = now;
        session.Store(delivery);
        await session.SaveChangesAsync(cancellation);
        if (!delivered) throw new WebhookDeliveryFailed($"Delivery {delivery.Id} attempt {attempt} failed: {result.Error}");
    }
}
