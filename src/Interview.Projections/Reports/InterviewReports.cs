using System.Text.Json.Serialization;
using Interview.Domain.Delivery;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Interview.Projections.Reports;

[JsonConverter(typeof(JsonStringEnumConverter<ReportStatus>))]
public enum ReportStatus
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("generating")] Generating,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("ready")] Ready
}

/// <summary>Every report version of one interview and the state of the newest request; inline, so a poll sees the job's last write.</summary>
public sealed class InterviewReports
{
    public Guid Id { get; set; }
    public Guid CandidateId { get; set; }
    public ReportStatus Status { get; set; }
    public int RequestedVersion { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? RequestedAt { get; set; }
    public List<InterviewReport> Versions { get; set; } = [];

    /// <summary>Delivery feedback of every spoken answer, derived from the answer events; shown beside, never inside, the scores.</summary>
    public List<AnswerDelivery> SpokenAnswers { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public InterviewDelivery? Delivery => DeliveryAnalysis.Summarize(SpokenAnswers);
}

public sealed partial class InterviewReportsProjection : SingleStreamProjection<InterviewReports, Guid>
{
    /// <summary>Erasure deletes the document; a rebuild does not bring it back.</summary>
    public bool ShouldDelete(InterviewDataErased e) => true;

    public static InterviewReports Create(InterviewCreated e) => new() { Id = e.InterviewId, CandidateId = e.CandidateId };

    public void Apply(AnswerSubmitted e, InterviewReports view)
    {
        if (e.Spoken is not null) view.SpokenAnswers.Add(DeliveryAnalysis.Analyze(e));
    }

    public void Apply(ReportRequested e, InterviewReports view)
    {
        view.Status = ReportStatus.Queued;
        view.RequestedVersion = e.ReportVersion;
        view.Attempts = 0;
        view.LastError = null;
        view.RequestedAt = e.At;
    }

    public void Apply(ReportGenerationStarted e, InterviewReports view)
    {
        if (e.ReportVersion != view.RequestedVersion || view.Status == ReportStatus.Ready) return;
        view.Status = ReportStatus.Generating;
        view.Attempts = Math.Max(view.Attempts, e.Attempt);
    }

    public void Apply(ReportAttemptFailed e, InterviewReports view)
    {
        if (e.ReportVersion != view.RequestedVersion) return;
        view.Status = ReportStatus.Queued;
        view.LastError = e.Error;
    }

    public void Apply(ReportFailed e, InterviewReports view)
    {
        if (e.ReportVersion != view.RequestedVersion) return;
        view.Status = ReportStatus.Failed;
        view.Attempts = e.Attempts;
        view.LastError = e.Error;
    }

    public void Apply(ReportGenerated e, InterviewReports view)
    {
        view.Versions.RemoveAll(r => r.Version == e.Report.Version);
        view.Versions.Add(e.Report);
        view.Versions.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (e.Report.Version == view.RequestedVersion) view.Status = ReportStatus.Ready;
    }
}
