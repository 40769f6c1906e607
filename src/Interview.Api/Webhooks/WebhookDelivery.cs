using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Interview.Api.Webhooks;

/// <summary>A webhook's signing secret: kept apart from the events so that removing the webhook or erasing its owner destroys it.</summary>
public sealed class WebhookSecret
{
    public Guid Id { get; set; }
    public string Secret { get; set; } = "";
}

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("retrying")] Retrying,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("deadLettered")] DeadLettered,
    [JsonStringEnumMemberName("cancelled")] Cancelled
}

public sealed record DeliveryAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? Error, long DurationMs);

/// <summary>
/// One notification for one endpoint, and its delivery log: every attempt with its outcome. The id is derived from the
/// webhook and the event, so an event is never queued twice for one endpoint; receivers dedupe on it (Interview-Delivery).
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid WebhookId { get; set; }
    public Guid OwnerId { get; set; }
    public Guid SubjectId { get; set; }
    public string Kind { get; set; } = "";
    public long EventSequence { get; set; }
    public string Body { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    public List<DeliveryAttempt> Attempts { get; set; } = [];
    public int Replays { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public static Guid IdFor(Guid webhookId, Guid eventId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"interview:webhook-delivery:{webhookId:N}:{eventId:N}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>The durable message that makes one delivery attempt (retried with backoff by Wolverine, then dead-lettered).</summary>
public sealed record DeliverWebhook(Guid DeliveryId);
