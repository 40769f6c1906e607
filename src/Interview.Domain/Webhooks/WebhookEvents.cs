using System.Text.Json.Serialization;

namespace Interview.Domain.Webhooks;

public static class WebhookKinds
{
    public const string InterviewFinalized = "interview.finalized";
    public const string ReportReady = "report.ready";
    public const string ReportFailed = "report.failed";
    public const string PrepGenerated = "prep.generated";
    public const string InterviewShared = "interview.shared";
    public static readonly IReadOnlyList<string> All = [InterviewFinalized, ReportReady, ReportFailed, PrepGenerated, InterviewShared];
}

/// <summary>Whose events an endpoint receives: the owner's own (anyone), or everyone's (admins only).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookScope>))]
public enum WebhookScope
{
    [JsonStringEnumMemberName("own")] Own,
    [JsonStringEnumMemberName("all")] All
}

/// <summary>Starts a webhook's stream. The signing secret is not an event: it is stored apart and destroyed on removal.</summary>
public sealed record WebhookRegistered(Guid WebhookId, Guid OwnerId, WebhookScope Scope, string Url, IReadOnlyList<string> Kinds, DateTimeOffset At);

public sealed record WebhookRemoved(Guid WebhookId, Guid OwnerId, DateTimeOffset At);
