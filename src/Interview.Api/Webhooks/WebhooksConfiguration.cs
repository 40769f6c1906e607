using Interview.Projections.Webhooks;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Interview.Api.Webhooks;

/// <summary><c>Webhooks:RetryDelaysSeconds</c> (5, 30, 120, 600, 1800): the backoff between attempts; one more attempt than delays.</summary>
public sealed record WebhookSettings(TimeSpan[] RetryDelays)
{
    public int MaxAttempts => RetryDelays.Length + 1;

    public static WebhookSettings Load(IConfiguration configuration) =>
        new((configuration.GetSection("Webhooks:RetryDelaysSeconds").Get<double[]>() ?? [5, 30, 120, 600, 1800]).Select(TimeSpan.FromSeconds).ToArray());
}

public static class WebhooksConfiguration
{
    public static StoreOptions ConfigureWebhooks(this StoreOptions options)
    {
        options.ConfigureWebhookRegistrations();
        options.Schema.For<WebhookSecret>();
        options.Schema.For<WebhookDelivery>().Index(x => x.WebhookId).Index(x => x.OwnerId);
        options.Events.AddMaskingRuleForProtectedInformation<Domain.Webhooks.WebhookRegistered>(e => e with { Url = "" });
        return options;
    }

    /// <summary>Failed deliveries are retried after each delay in turn (durably scheduled), then moved to the dead letters.</summary>
    public static WolverineOptions ConfigureWebhooks(this WolverineOptions options, IConfiguration configuration)
    {
        var settings = WebhookSettings.Load(configuration);
        options.OnException<WebhookDeliveryFailed>().ScheduleRetry(settings.RetryDelays).Then.MoveToErrorQueue();
        return options;
    }

    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton(sp => WebhookSettings.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<Privacy.IPersonalDataSource, WebhookData>();
        return services;
    }
}
