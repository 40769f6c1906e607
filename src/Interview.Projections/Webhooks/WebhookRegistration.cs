using Interview.Domain.Webhooks;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace Interview.Projections.Webhooks;

/// <summary>A live webhook endpoint, as routing and the webhook routes read it; removal deletes it.</summary>
public sealed class WebhookRegistration
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public WebhookScope Scope { get; set; }
    public string Url { get; set; } = "";
    public List<string> Kinds { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed partial class WebhookRegistrationProjection : SingleStreamProjection<WebhookRegistration, Guid>
{
    public bool ShouldDelete(WebhookRemoved e) => true;

    public static WebhookRegistration Create(WebhookRegistered e) => new()
    {
        Id = e.WebhookId, OwnerId = e.OwnerId, Scope = e.Scope, Url = e.Url, Kinds = [.. e.Kinds], CreatedAt = e.At
    };
}

public static class WebhooksStoreConfiguration
{
    public static StoreOptions ConfigureWebhookRegistrations(this StoreOptions options)
    {
        options.Projections.Add<WebhookRegistrationProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<WebhookRegistration>().Index(x => x.OwnerId);
        return options;
    }
}
