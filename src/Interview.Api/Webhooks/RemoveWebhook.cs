using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Webhooks;
using Interview.Projections.Webhooks;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Webhooks;

public static class RemoveWebhook
{
    /// <summary>Removes one of the caller's webhooks and destroys its secret; deliveries not yet made are cancelled.</summary>
    [WolverineDelete("/api/v1/webhooks/{id}", OperationId = "RemoveWebhook")]
    [Tags("Webhooks")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var hook = await session.LoadAsync<WebhookRegistration>(id, cancellation);
        if (hook is null || hook.OwnerId != user.UserId()) return Problems.NotFound("webhook");
        session.Events.Append(id, new WebhookRemoved(id, hook.OwnerId, clock.GetUtcNow()));
        session.Delete<WebhookSecret>(id);
        await session.SaveChangesAsync(cancellation);
        return TypedResults.NoContent();
    }
}
