using Interview.Domain.Accounts;
using Interview.Domain.Prep;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Marten;

namespace Interview.Api.Privacy;

/// <summary>
/// What erasure leaves of each event that can hold personal data (Marten's masking of protected information, applied
/// in place to the erased person's streams only). Ids, numbers, enums and times stay, so the anonymous aggregates
/// (question statistics, daily activity, LLM usage) rebuild to the same values; every text a person typed, or that was
/// written from what they typed (greetings, follow-ups, report evidence, prep packs), is emptied.
/// </summary>
public static class PersonalDataMasking
{
    public static string ErasedEmail(Guid userId) => $"erased-{userId:N}@erased.invalid";

    public static StoreOptions ConfigurePersonalDataMasking(this StoreOptions options)
    {
        options.Schema.For<ErasedStream>();
        var events = options.Events;
        events.AddMaskingRuleForProtectedInformation<UserSignedUp>(e => e with
        {
            Email = ErasedEmail(e.UserId), NormalizedEmail = ErasedEmail(e.UserId), DisplayName = "", PasswordHash = "", VerificationTokenHash = ""
        });
        events.AddMaskingRuleForProtectedInformation<EmailAddressClaimed>(e => e with { NormalizedEmail = ErasedEmail(e.UserId) });
        events.AddMaskingRuleForProtectedInformation<VerificationTokenIssued>(e => e with { VerificationTokenHash = "" });
        events.AddMaskingRuleForProtectedInformation<RoleGranted>(e => e with { Reason = "" });
        events.AddMaskingRuleForProtectedInformation<ProfileUpdated>(e => e with { TargetRole = "", Skills = [], ResumeText = null });
        events.AddMaskingRuleForProtectedInformation<UserLoggedIn>(e => e with { RefreshTokenHash = "" });
        events.AddMaskingRuleForProtectedInformation<RefreshTokenRotated>(e => e with { PreviousTokenHash = "", RefreshTokenHash = "" });
        events.AddMaskingRuleForProtectedInformation<PasswordChanged>(e => e with { PasswordHash = "" });

        events.AddMaskingRuleForProtectedInformation<InterviewCreated>(e => e with { Config = Mask(e.Config) });
        events.AddMaskingRuleForProtectedInformation<InterviewerGreeted>(e => e with { Text = "" });
        events.AddMaskingRuleForProtectedInformation<WarmUpAsked>(e => e with { Text = "" });
        events.AddMaskingRuleForProtectedInformation<QuestionAsked>(e => e with
        {
            Text = "", Reason = "", Generated = e.Generated is null ? null : e.Generated with { KeyPoints = [], FollowUpHints = [] }
        });
        events.AddMaskingRuleForProtectedInformation<FollowUpAsked>(e => e with { Text = "", TargetKeyPoints = [], Reason = "" });
        events.AddMaskingRuleForProtectedInformation<AnswerSubmitted>(e => e with
        {
            Text = "", IdempotencyKey = null,
            Spoken = e.Spoken is null ? null : e.Spoken with { HeardText = "", Words = e.Spoken.Words.Select(w => w with { Word = "" }).ToArray() }
        });
        events.AddMaskingRuleForProtectedInformation<AnswerAssessed>(e => e with
        {
            Assessment = e.Assessment with { CoveredKeyPoints = [], MissedKeyPoints = [], Summary = "" }, Decision = ""
        });
        events.AddMaskingRuleForProtectedInformation<InterviewClosed>(e => e with { Text = "", Reason = "" });
        events.AddMaskingRuleForProtectedInformation<LlmCallRecorded>(e => e with { ResponseText = null, Error = e.Error is null ? null : "" });
        events.AddMaskingRuleForProtectedInformation<InterviewShared>(e => e with { CoachEmail = "" });
        events.AddMaskingRuleForProtectedInformation<CoachNoteAdded>(e => e with { CoachName = "", Text = "" });

        events.AddMaskingRuleForProtectedInformation<ReportRequested>(e => e with { Reason = "" });
        events.AddMaskingRuleForProtectedInformation<ReportAttemptFailed>(e => e with { Error = "" });
        events.AddMaskingRuleForProtectedInformation<ReportFailed>(e => e with { Error = "" });
        events.AddMaskingRuleForProtectedInformation<ReportGenerated>(e => e with { Report = Mask(e.Report) });

        events.AddMaskingRuleForProtectedInformation<PrepPackGenerated>(e => e with
        {
            Company = "", CompanyKey = "", JobTitle = null, Industry = null, CacheKey = "",
            Content = new PrepPackContent([], "", new PrepInterviewProcess(e.Content.InterviewProcess.Rounds, [], ""), [], [], e.Content.IsGeneric),
            GeneratedBy = e.GeneratedBy with { Note = "" }
        });
        events.AddMaskingRuleForProtectedInformation<PrepQuestionPractised>(e => e with
        {
            Answer = null, Evaluation = e.Evaluation is null ? null : Mask(e.Evaluation)
        });
        events.AddMaskingRuleForProtectedInformation<PrepPackCached>(e => e with { CacheKey = "" });
        return options;
    }

    private static InterviewConfig Mask(InterviewConfig config) => config with
    {
        Role = "", CompanyStyle = "", TechStack = [],
        Plan = config.Plan?.Select(q => q with { Text = "", KeyPoints = [], FollowUpHints = [] }).ToArray()
    };

    private static InterviewReport Mask(InterviewReport report) => report with
    {
        Answers = report.Answers.Select(Mask).ToArray(),
        Strengths = [], Weaknesses = [], Recommendations = [], StudyPlan = [], Note = null
    };

    private static AnswerEvaluation Mask(AnswerEvaluation answer) => answer with
    {
        Question = "",
        Criteria = answer.Criteria.Select(c => c with { Evidence = "" }).ToArray(),
        NotScoredReason = answer.NotScoredReason is null ? null : "",
        KeyPointsCovered = [], KeyPointsMissed = []
    };
}
