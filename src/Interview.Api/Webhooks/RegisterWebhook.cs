using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Hosting.OpenApi;
using Interview.Domain.Accounts;
using Interview.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Webhooks;

public sealed record RegisterWebhookRequest(
    [Required, MaxLength(WebhookRules.MaxUrlLength)] string? Url,
    [Required, WireValues(typeof(WebhookKinds), nameof(WebhookKinds.All))] IReadOnlyList<string>? Events,
    WebhookScope? Scope);

/// <summary>A webhook as its owner sees it; <c>secret</c> only in the reply to the registration.</summary>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, WebhookScope Scope, DateTimeOffset CreatedAt, string? Secret = null);

public static class RegisterWebhook
{
    public static ProblemDetails Validate(RegisterWebhookRequest request) => Problems.Validation(WebhookRules.Validate(request.Url, request.Events));

    /// <summary>
    /// Registers an endpoint for event kinds. Scope <c>own</c> (default) sends the caller's own events; <c>all</c>
    /// (admins only) every user's. The URL's host must resolve to public addresses (unless Webhooks:AllowPrivateNetworks).
    /// The signing secret is in this reply only: deliveries carry <c>Interview-Signature: t={unix seconds},v1={hex
    /// HMAC-SHA256(secret, "{t}.{body}")}</c>, <c>Interview-Delivery</c> (dedupe on it) and <c>Interview-Event</c>.
    /// </summary>
    [WolverinePost("/api/v1/webhooks", OperationId = "RegisterWebhook")]
    [Tags("Webhooks")]
    public static async Task<Results<Created<WebhookResponse>, ProblemHttpResult>> Post(
        RegisterWebhookRequest request, ClaimsPrincipal user, IDocumentStore store, WebhookSender sender, TimeProvider clock, CancellationToken cancellation)
    {
        var scope = request.Scope ?? WebhookScope.Own;
        if (scope == WebhookScope.All && !user.IsInRole(Roles.Admin) && !user.HasClaim("role", Roles.Admin))
            return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["scope"] = ["Only admins may receive every user's events."] }));
        var url = new Uri(request.Url!);
        if (await sender.CheckAsync(url, cancellation) is { } refused)
            return TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { ["url"] = [refused] }));

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var kinds = request.Events!.Distinct().ToArray();
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var session = store.LightweightSession();
        session.Events.StartStream(id, new WebhookRegistered(id, user.UserId(), scope, url.ToString(), kinds, now));
        session.Store(new WebhookSecret { Id = id, Secret = secret });
        await session.SaveChangesAsync(cancellation);
        return TypedResults.Created($"/api/v1/webhooks/{id}", new WebhookResponse(id, url.ToString(), kinds, scope, now, secret));
    }
}
