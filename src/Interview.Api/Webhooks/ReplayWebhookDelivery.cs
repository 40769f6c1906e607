using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Projections.Webhooks;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Webhooks;

public static class ReplayWebhookDelivery
{
    /// <summary>
    /// Sends a delivery again (typically a dead-lettered one), with the same delivery id and body and a fresh round of retries.
    /// </summary>
    [WolverinePost("/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", OperationId = "ReplayWebhookDelivery")]
    [Tags("Webhooks")]
    public static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> Post(
        Guid id, Guid deliveryId, ClaimsPrincipal user, IDocumentSession session, IMessageBus bus, CancellationToken cancellation)
    {
        var hook = await session.LoadAsync<WebhookRegistration>(id, cancellation);
        var delivery = await session.LoadAsync<WebhookDelivery>(deliveryId, cancellation);
        if (hook is null || hook.OwnerId != user.UserId() || delivery is null || delivery.WebhookId != id) return Problems.NotFound("delivery");
        delivery.Status = DeliveryStatus.Pending;
        delivery.CompletedAt = null;
        delivery.Replays++;
        session.Store(delivery);
        await bus.PublishAsync(new DeliverWebhook(delivery.Id));
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", WebhookDeliveryResponse.From(delivery));
    }
}
