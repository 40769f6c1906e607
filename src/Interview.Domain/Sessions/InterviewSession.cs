using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Interview.Domain.Common;
using JasperFx.Events;

namespace Interview.Domain.Sessions;

[JsonConverter(typeof(JsonStringEnumConverter<InterviewStatus>))]
public enum InterviewStatus
{
    [JsonStringEnumMemberName("created")] Created,
    [JsonStringEnumMemberName("inProgress")] InProgress,
    [JsonStringEnumMemberName("paused")] Paused,
    [JsonStringEnumMemberName("finalized")] Finalized,
    [JsonStringEnumMemberName("reported")] Reported,
    [JsonStringEnumMemberName("abandoned")] Abandoned
}

[JsonConverter(typeof(JsonStringEnumConverter<Awaiting>))]
public enum Awaiting
{
    [JsonStringEnumMemberName("nothing")] Nothing,
    [JsonStringEnumMemberName("interviewer")] Interviewer,
    [JsonStringEnumMemberName("candidate")] Candidate
}

[JsonConverter(typeof(JsonStringEnumConverter<PromptKind>))]
public enum PromptKind
{
    [JsonStringEnumMemberName("warmUp")] WarmUp,
    [JsonStringEnumMemberName("question")] Question,
    [JsonStringEnumMemberName("followUp")] FollowUp
}

/// <summary>What the candidate is being asked right now.</summary>
public sealed record OpenPrompt(PromptKind Kind, string? QuestionId, string Text);

/// <summary>A question asked in this interview, with what the candidate said on it.</summary>
public sealed record AskedQuestion(
    string QuestionId, Difficulty Difficulty, IReadOnlyList<string> Tags, int FollowUps, ImmutableList<string> Answers,
    string Text = "", QuestionType Type = QuestionType.Technical, GeneratedQuestion? Generated = null)
{
    public AskedQuestion WithAnswer(string text) => this with { Answers = Answers.Add(text) };
}

/// <summary>
/// The interview stream's write model: only what decisions need.
/// TurnRequest counts the moments the interviewer owes a turn, so a turn is produced at most once per request.
/// </summary>
public sealed record InterviewSession(
    Guid Id,
    Guid CandidateId,
    InterviewConfig Config,
    InterviewStatus Status,
    Awaiting Awaiting,
    int TurnRequest,
    bool Greeted,
    bool Closed,
    OpenPrompt? Prompt,
    ImmutableList<AskedQuestion> Asked,
    int AnswerCount,
    ImmutableDictionary<string, long> AnswerVersionsByKey,
    int LlmTokensUsed = 0,
    int ReportRequested = 0,
    int ReportGenerated = 0,
    bool ReportFailed = false,
    ImmutableHashSet<Guid>? Coaches = null)
{
    /// <summary>The stream version, set by Marten when the interview is loaded.</summary>
    public long Version { get; set; }

    public static InterviewSession Create(InterviewCreated e) =>
        new(e.InterviewId, e.CandidateId, e.Config, InterviewStatus.Created, Awaiting.Nothing, 0, false, false, null,
            [], 0, ImmutableDictionary<string, long>.Empty);

    /// <summary>
    /// LLM calls for prep packs and practice answers are audited with this event on their own streams; the inline snapshot
    /// then holds an ownerless, never-started session for such a stream, which every interview command refuses (404).
    /// </summary>
    public static InterviewSession Create(LlmCallRecorded e) =>
        new(e.InterviewId, Guid.Empty, null!, InterviewStatus.Created, Awaiting.Nothing, 0, false, false, null,
            [], 0, ImmutableDictionary<string, long>.Empty, e.TokensIn + e.TokensOut);

    /// <summary>
    /// The one rule for which events leave the interviewer owing a turn; TurnRequest counts them and the endpoints
    /// send <c>InterviewerTurnDue</c> for them.
    /// </summary>
    public static bool OwesInterviewerTurn(object e) => e is InterviewStarted or AnswerSubmitted;

    public InterviewSession Apply(InterviewStarted _) =>
        this with { Status = InterviewStatus.InProgress, Awaiting = Awaiting.Interviewer, TurnRequest = TurnRequest + 1 };

    public InterviewSession Apply(InterviewerGreeted _) => this with { Greeted = true };

    public InterviewSession Apply(WarmUpAsked e) =>
        this with { Prompt = new OpenPrompt(PromptKind.WarmUp, null, e.Text), Awaiting = Awaiting.Candidate };

    public InterviewSession Apply(QuestionAsked e) =>
        this with
        {
            Prompt = new OpenPrompt(PromptKind.Question, e.QuestionId, e.Text),
            Asked = Asked.Add(new AskedQuestion(e.QuestionId, e.Difficulty, e.Tags, 0, [], e.Text, e.Type, e.Generated)),
            Awaiting = Awaiting.Candidate
        };

    public InterviewSession Apply(FollowUpAsked e) =>
        this with
        {
            Prompt = new OpenPrompt(PromptKind.FollowUp, e.QuestionId, e.Text),
            Asked = Asked.SetItem(Asked.Count - 1, Asked[^1] with { FollowUps = Asked[^1].FollowUps + 1 }),
            Awaiting = Awaiting.Candidate
        };

    public InterviewSession Apply(IEvent<AnswerSubmitted> e) =>
        this with
        {
            Asked = e.Data.QuestionId is not null && Asked.Count > 0 && Asked[^1].QuestionId == e.Data.QuestionId
                ? Asked.SetItem(Asked.Count - 1, Asked[^1].WithAnswer(e.Data.Text))
                : Asked,
            AnswerCount = AnswerCount + 1,
            AnswerVersionsByKey = e.Data.IdempotencyKey is null
                ? AnswerVersionsByKey
                : AnswerVersionsByKey.SetItem(e.Data.IdempotencyKey, e.Version),
            Prompt = null,
            Awaiting = Awaiting.Interviewer,
            TurnRequest = TurnRequest + 1
        };

    public InterviewSession Apply(AnswerAssessed _) => this;

    public InterviewSession Apply(LlmCallRecorded e) => this with { LlmTokensUsed = LlmTokensUsed + e.TokensIn + e.TokensOut };

    public InterviewSession Apply(InterviewClosed _) => this with { Closed = true, Prompt = null, Awaiting = Awaiting.Nothing };

    public InterviewSession Apply(InterviewAbandoned _) => this with { Status = InterviewStatus.Abandoned, Awaiting = Awaiting.Nothing, Prompt = null };

    public InterviewSession Apply(InterviewPaused _) => this with { Status = InterviewStatus.Paused };

    public InterviewSession Apply(InterviewResumed _) => this with { Status = InterviewStatus.InProgress };

    public InterviewSession Apply(InterviewFinalized _) =>
        this with { Status = InterviewStatus.Finalized, Awaiting = Awaiting.Nothing, Prompt = null };

    public InterviewSession Apply(Reports.ReportRequested e) => this with { ReportRequested = e.ReportVersion, ReportFailed = false };

    public InterviewSession Apply(Reports.ReportFailed _) => this with { ReportFailed = true };

    public InterviewSession Apply(Reports.ReportGenerated e) =>
        this with { ReportGenerated = Math.Max(ReportGenerated, e.Report.Version), Status = InterviewStatus.Reported };

    public InterviewSession Apply(InterviewShared e) => this with { Coaches = (Coaches ?? []).Add(e.CoachId) };

    public InterviewSession Apply(InterviewShareRevoked e) => this with { Coaches = (Coaches ?? []).Remove(e.CoachId) };

    public InterviewSession Apply(CoachNoteAdded _) => this;

    /// <summary>
    /// An erased interview's write model keeps none of the candidate's words (role, stack, prompts, answers, keys) and no
    /// owner, so every command on it is refused (404) and late work that still appends finds nothing to copy text into.
    /// </summary>
    public InterviewSession Apply(InterviewDataErased _) =>
        this with
        {
            CandidateId = Guid.Empty, Config = Config is null ? Config! : Config with { Role = "", TechStack = [], Plan = null },
            Status = InterviewStatus.Abandoned, Awaiting = Awaiting.Nothing, Prompt = null, Asked = [],
            AnswerVersionsByKey = ImmutableDictionary<string, long>.Empty, Coaches = null
        };

    public bool IsSharedWith(Guid coachId) => Coaches?.Contains(coachId) == true;

    public int QuestionsAnswered => Asked.Count(q => q.Answers.Count > 0);

    public bool ReportPending => ReportRequested > ReportGenerated && !ReportFailed;
}
