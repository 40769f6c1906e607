using System.Text.Json.Serialization;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Interview.Projections.Sessions;

[JsonConverter(typeof(JsonStringEnumConverter<Speaker>))]
public enum Speaker
{
    [JsonStringEnumMemberName("interviewer")] Interviewer,
    [JsonStringEnumMemberName("candidate")] Candidate
}

[JsonConverter(typeof(JsonStringEnumConverter<TurnKind>))]
public enum TurnKind
{
    [JsonStringEnumMemberName("greeting")] Greeting,
    [JsonStringEnumMemberName("question")] Question,
    [JsonStringEnumMemberName("followUp")] FollowUp,
    [JsonStringEnumMemberName("answer")] Answer,
    [JsonStringEnumMemberName("closing")] Closing
}

public sealed record Turn(
    int Seq, Speaker Speaker, TurnKind Kind, string Text, string? QuestionId, DateTimeOffset At,
    bool IsWarmUp = false, Difficulty? Difficulty = null, QuestionType? Type = null, EngineKind? GeneratedBy = null);

public sealed record Progress(int Asked, int Total);

/// <summary>The candidate's view of one interview; inline, so it is consistent with the candidate's last write.</summary>
public sealed class InterviewView
{
    public Guid Id { get; set; }
    public Guid CandidateId { get; set; }
    public InterviewStatus Status { get; set; }
    public InterviewConfig Config { get; set; } = null!;
    public long Version { get; set; }
    public Awaiting Awaiting { get; set; }
    public Progress Progress { get; set; } = new(0, 0);
    public List<Turn> Turns { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinalizedAt { get; set; }
    public bool EndedEarly { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int? LatestScore { get; set; }
    public List<SharedNote> CoachNotes { get; set; } = [];
}

public sealed record SharedNote(Guid NoteId, string Coach, string Text, long? AtVersion, DateTimeOffset At);

public sealed partial class InterviewViewProjection : SingleStreamProjection<InterviewView, Guid>
{
    /// <summary>Erasure deletes the document; a rebuild does not bring it back.</summary>
    public bool ShouldDelete(InterviewDataErased e) => true;

    public static InterviewView Create(IEvent<InterviewCreated> e) => new()
    {
        Id = e.Data.InterviewId,
        CandidateId = e.Data.CandidateId,
        Status = InterviewStatus.Created,
        Config = e.Data.Config,
        Awaiting = Awaiting.Nothing,
        Progress = new Progress(0, e.Data.Config.QuestionCount),
        CreatedAt = e.Data.CreatedAt,
        UpdatedAt = StoredPrecision(e.Timestamp),
        Version = e.Version
    };

    public void Apply(IEvent<InterviewStarted> e, InterviewView view)
    {
        view.Status = InterviewStatus.InProgress;
        view.StartedAt = e.Data.StartedAt;
        view.Awaiting = Awaiting.Interviewer;
        Touch(view, e);
    }

    public void Apply(IEvent<InterviewerGreeted> e, InterviewView view)
    {
        AddTurn(view, Speaker.Interviewer, TurnKind.Greeting, e.Data.Text, null, e.Data.At) ;
        view.Turns[^1] = view.Turns[^1] with { GeneratedBy = e.Data.Source };
        Touch(view, e);
    }

    public void Apply(IEvent<WarmUpAsked> e, InterviewView view)
    {
        AddTurn(view, Speaker.Interviewer, TurnKind.Question, e.Data.Text, null, e.Data.At);
        view.Turns[^1] = view.Turns[^1] with { IsWarmUp = true, GeneratedBy = e.Data.Source };
        view.Awaiting = Awaiting.Candidate;
        Touch(view, e);
    }

    public void Apply(IEvent<QuestionAsked> e, InterviewView view)
    {
        AddTurn(view, Speaker.Interviewer, TurnKind.Question, e.Data.Text, e.Data.QuestionId, e.Data.At);
        view.Turns[^1] = view.Turns[^1] with { Difficulty = e.Data.Difficulty, Type = e.Data.Type, GeneratedBy = e.Data.Source };
        view.Progress = view.Progress with { Asked = e.Data.Number };
        view.Awaiting = Awaiting.Candidate;
        Touch(view, e);
    }

    public void Apply(IEvent<FollowUpAsked> e, InterviewView view)
    {
        AddTurn(view, Speaker.Interviewer, TurnKind.FollowUp, e.Data.Text, e.Data.QuestionId, e.Data.At);
        view.Turns[^1] = view.Turns[^1] with { GeneratedBy = e.Data.Source };
        view.Awaiting = Awaiting.Candidate;
        Touch(view, e);
    }

    public void Apply(IEvent<AnswerSubmitted> e, InterviewView view)
    {
        AddTurn(view, Speaker.Candidate, TurnKind.Answer, e.Data.Text, e.Data.QuestionId, e.Data.AnsweredAt);
        view.Awaiting = Awaiting.Interviewer;
        Touch(view, e);
    }

    public void Apply(IEvent<AnswerAssessed> e, InterviewView view) => Touch(view, e);

    public void Apply(IEvent<LlmCallRecorded> e, InterviewView view) => Touch(view, e);

    public void Apply(IEvent<InterviewShared> e, InterviewView view) => Touch(view, e);

    public void Apply(IEvent<InterviewShareRevoked> e, InterviewView view) => Touch(view, e);

    public void Apply(IEvent<CoachNoteAdded> e, InterviewView view)
    {
        if (e.Data.Visibility == NoteVisibility.Shared)
            view.CoachNotes.Add(new SharedNote(e.Data.NoteId, e.Data.CoachName, e.Data.Text, e.Data.AtVersion, e.Data.At));
        Touch(view, e);
    }

    public void Apply(IEvent<Interview.Domain.Reports.ReportGenerated> e, InterviewView view)
    {
        view.Status = InterviewStatus.Reported;
        view.LatestScore = e.Data.Report.OverallScore;
        Touch(view, e);
    }

    public void Apply(IEvent<InterviewClosed> e, InterviewView view)
    {
        AddTurn(view, Speaker.Interviewer, TurnKind.Closing, e.Data.Text, null, e.Data.At);
        view.Turns[^1] = view.Turns[^1] with { GeneratedBy = e.Data.Source };
        view.Awaiting = Awaiting.Nothing;
        Touch(view, e);
    }

    public void Apply(IEvent<InterviewAbandoned> e, InterviewView view)
    {
        view.Status = InterviewStatus.Abandoned;
        view.Awaiting = Awaiting.Nothing;
        Touch(view, e);
    }

    public void Apply(IEvent<InterviewPaused> e, InterviewView view)
    {
        view.Status = InterviewStatus.Paused;
        Touch(view, e);
    }

    public void Apply(IEvent<InterviewResumed> e, InterviewView view)
    {
        view.Status = InterviewStatus.InProgress;
        Touch(view, e);
    }

    public void Apply(IEvent<InterviewFinalized> e, InterviewView view)
    {
        view.Status = InterviewStatus.Finalized;
        view.Awaiting = Awaiting.Nothing;
        view.FinalizedAt = e.Data.FinalizedAt;
        view.EndedEarly = e.Data.EndedEarly;
        Touch(view, e);
    }

    private static void AddTurn(InterviewView view, Speaker speaker, TurnKind kind, string text, string? questionId, DateTimeOffset at) =>
        view.Turns.Add(new Turn(view.Turns.Count + 1, speaker, kind, text, questionId, at));

    /// <summary>PostgreSQL keeps microseconds: an inline projection must not keep the 100 ns ticks a rebuild cannot see.</summary>
    public static DateTimeOffset StoredPrecision(DateTimeOffset at) => new(at.Ticks - at.Ticks % 10, at.Offset);

    private static void Touch(InterviewView view, IEvent e)
    {
        view.Version = e.Version;
        view.UpdatedAt = StoredPrecision(e.Timestamp);
    }
}
