using System.Text.Json;
using Interview.Domain.Prep;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Interview.Domain.Webhooks;
using Interview.Projections.History;
using Interview.Projections.Webhooks;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace Interview.Api.Webhooks;

/// <summary>
/// A Marten event subscription (run by the async daemon from committed events only): each page of webhook-worthy events
/// becomes delivery documents and <see cref="DeliverWebhook"/> messages, stored in the same transaction as the
/// subscription's progress through Wolverine's outbox. A committed event is therefore delivered even if the process dies
/// right after the commit, and never queued twice for one endpoint.
/// Payloads carry ids, kinds and scores only, never texts a person typed: a receiver fetches more with the API.
/// </summary>
public sealed class WebhookNotifications : BatchSubscription
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public WebhookNotifications() : base("WebhookNotifications")
    {
        IncludeType<InterviewFinalized>();
        IncludeType<ReportGenerated>();
        IncludeType<ReportFailed>();
        IncludeType<PrepPackGenerated>();
        IncludeType<InterviewShared>();
    }

    public sealed record Notification(string Kind, Guid SubjectId, object Data);

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        IMessageBus bus, CancellationToken cancellationToken)
    {
        List<WebhookRegistration>? endpoints = null;
        foreach (var e in page.Events)
        {
            var notification = await NotificationFor(e, operations, cancellationToken);
            if (notification is null) continue;
            endpoints ??= [.. await operations.Query<WebhookRegistration>().ToListAsync(cancellationToken)];
            foreach (var endpoint in endpoints.Where(w => w.Kinds.Contains(notification.Kind)
                                                          && (w.Scope == WebhookScope.All || w.OwnerId == notification.SubjectId)))
            {
                var delivery = new WebhookDelivery
                {
                    Id = WebhookDelivery.IdFor(endpoint.Id, e.Id),
                    WebhookId = endpoint.Id,
                    OwnerId = endpoint.OwnerId,
                    SubjectId = notification.SubjectId,
                    Kind = notification.Kind,
                    EventSequence = e.Sequence,
                    Status = DeliveryStatus.Pending,
                    CreatedAt = e.Timestamp
                };
                delivery.Body = JsonSerializer.Serialize(new { id = delivery.Id, kind = notification.Kind, occurredAt = e.Timestamp, data = notification.Data }, Json);
                operations.Insert(delivery);
                await bus.PublishAsync(new DeliverWebhook(delivery.Id));
            }
        }
    }

    private static async Task<Notification?> NotificationFor(IEvent e, IDocumentOperations operations, CancellationToken ct) => e.Data switch
    {
        InterviewFinalized x => new(WebhookKinds.InterviewFinalized, x.CandidateId,
            new { interviewId = x.InterviewId, endedEarly = x.EndedEarly, questionsAnswered = x.QuestionsAnswered, finalizedAt = x.FinalizedAt }),
        ReportGenerated x => new(WebhookKinds.ReportReady, x.CandidateId,
            new { interviewId = x.InterviewId, reportVersion = x.Report.Version, overallScore = x.Report.OverallScore, generatedAt = x.At }),
        ReportFailed x => await operations.LoadAsync<InterviewSummary>(x.InterviewId, ct) is { } summary
            ? new(WebhookKinds.ReportFailed, summary.CandidateId, new { interviewId = x.InterviewId, reportVersion = x.ReportVersion, attempts = x.Attempts, failedAt = x.At })
            : null,
        PrepPackGenerated x => new(WebhookKinds.PrepGenerated, x.CandidateId, new { packId = x.PackId, version = x.Version, generatedAt = x.GeneratedAt }),
        InterviewShared x => new(WebhookKinds.InterviewShared, x.CandidateId, new { interviewId = x.InterviewId, coachId = x.CoachId, sharedAt = x.At }),
        _ => null
    };
}
