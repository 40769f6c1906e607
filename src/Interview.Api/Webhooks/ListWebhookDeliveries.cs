using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Projections.Webhooks;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Webhooks;

public sealed record WebhookDeliveryResponse(Guid Id, string Kind, DeliveryStatus Status, IReadOnlyList<DeliveryAttempt> Attempts, int Replays,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string Body)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) => new(d.Id, d.Kind, d.Status, d.Attempts, d.Replays, d.CreatedAt, d.CompletedAt, d.Body);
}

public static class ListWebhookDeliveries
{
    /// <summary>The delivery log of one of the caller's webhooks, newest first: every attempt with its status code or error.</summary>
    [WolverineGet("/api/v1/webhooks/{id}/deliveries", OperationId = "ListWebhookDeliveries")]
    [Tags("Webhooks")]
    public static async Task<Results<Ok<PagedList<WebhookDeliveryResponse>>, ProblemHttpResult>> Get(
        Guid id, int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!Paging.IsValid(page, pageSize, out var request, out var problem)) return problem;
        var hook = await session.LoadAsync<WebhookRegistration>(id, cancellation);
        if (hook is null || hook.OwnerId != user.UserId()) return Problems.NotFound("webhook");
        var query = session.Query<WebhookDelivery>().Where(d => d.WebhookId == id);
        var total = await query.CountAsync(cancellation);
        var deliveries = await query.OrderByDescending(d => d.EventSequence).Skip(request.Offset).Take(request.PageSize).ToListAsync(cancellation);
        return TypedResults.Ok(request.Of(deliveries.Select(WebhookDeliveryResponse.From).ToArray(), total));
    }
}
