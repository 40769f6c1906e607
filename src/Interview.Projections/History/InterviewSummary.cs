using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Interview.Projections.History;

/// <summary>
/// One row of a candidate's history (and a coach's shared list). Inline, so the list agrees with the candidate's last
/// write. Filter fields are kept as their wire strings so queries match what clients send.
/// </summary>
public sealed class InterviewSummary
{
    public Guid Id { get; set; }
    public Guid CandidateId { get; set; }
    public string Track { get; set; } = "";
    public string Role { get; set; } = "";
    public string Level { get; set; } = "";
    public string Type { get; set; } = "";
    public string Difficulty { get; set; } = "";
    public string CompanyStyle { get; set; } = "";
    public string Status { get; set; } = "";
    public int QuestionCount { get; set; }
    public int QuestionsAsked { get; set; }
    public int QuestionsAnswered { get; set; }
    public bool EndedEarly { get; set; }
    public int? Score { get; set; }
    public int ReportVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinalizedAt { get; set; }
    public List<Guid> SharedWith { get; set; } = [];
}

public sealed partial class InterviewSummaryProjection : SingleStreamProjection<InterviewSummary, Guid>
{
    /// <summary>Erasure deletes the document; a rebuild does not bring it back.</summary>
    public bool ShouldDelete(InterviewDataErased e) => true;

    public static InterviewSummary Create(InterviewCreated e) => new()
    {
        Id = e.InterviewId,
        CandidateId = e.CandidateId,
        Track = e.Config.Track,
        Role = e.Config.Role,
        Level = EnumText.Wire(e.Config.Level),
        Type = EnumText.Wire(e.Config.Type),
        Difficulty = EnumText.Wire(e.Config.Difficulty),
        CompanyStyle = e.Config.CompanyStyle,
        Status = EnumText.Wire(InterviewStatus.Created),
        QuestionCount = e.Config.QuestionCount,
        CreatedAt = e.CreatedAt
    };

    public void Apply(InterviewStarted e, InterviewSummary s) => s.Status = EnumText.Wire(InterviewStatus.InProgress);
    public void Apply(InterviewAbandoned e, InterviewSummary s) => s.Status = EnumText.Wire(InterviewStatus.Abandoned);
    public void Apply(InterviewPaused e, InterviewSummary s) => s.Status = EnumText.Wire(InterviewStatus.Paused);
    public void Apply(InterviewResumed e, InterviewSummary s) => s.Status = EnumText.Wire(InterviewStatus.InProgress);
    public void Apply(QuestionAsked e, InterviewSummary s) => s.QuestionsAsked = e.Number;

    public void Apply(InterviewFinalized e, InterviewSummary s)
    {
        s.Status = EnumText.Wire(InterviewStatus.Finalized);
        s.FinalizedAt = e.FinalizedAt;
        s.EndedEarly = e.EndedEarly;
        s.QuestionsAnswered = e.QuestionsAnswered;
    }

    public void Apply(ReportGenerated e, InterviewSummary s)
    {
        if (e.Report.Version < s.ReportVersion) return;
        s.Status = EnumText.Wire(InterviewStatus.Reported);
        s.Score = e.Report.OverallScore;
        s.ReportVersion = e.Report.Version;
    }

    public void Apply(InterviewShared e, InterviewSummary s)
    {
        if (!s.SharedWith.Contains(e.CoachId)) s.SharedWith.Add(e.CoachId);
    }

    public void Apply(InterviewShareRevoked e, InterviewSummary s) => s.SharedWith.Remove(e.CoachId);
}
