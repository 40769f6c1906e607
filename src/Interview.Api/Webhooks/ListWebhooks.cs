using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Projections.Webhooks;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Webhooks;

public static class ListWebhooks
{
    /// <summary>The caller's webhooks, newest first (secrets are never shown again).</summary>
    [WolverineGet("/api/v1/webhooks", OperationId = "ListWebhooks")]
    [Tags("Webhooks")]
    public static async Task<Results<Ok<PagedList<WebhookResponse>>, ProblemHttpResult>> Get(
        int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!Paging.IsValid(page, pageSize, out var request, out var problem)) return problem;
        var owner = user.UserId();
        var query = session.Query<WebhookRegistration>().Where(w => w.OwnerId == owner);
        var total = await query.CountAsync(cancellation);
        var hooks = await query.OrderByDescending(w => w.CreatedAt).Skip(request.Offset).Take(request.PageSize).ToListAsync(cancellation);
        return TypedResults.Ok(request.Of(hooks.Select(w => new WebhookResponse(w.Id, w.Url, w.Kinds, w.Scope, w.CreatedAt)).ToArray(), total));
    }
}
