using Interview.Domain.Prep;
using Interview.Domain.Reports;
using Marten.Events.Aggregation;

namespace Interview.Projections.Prep;

public sealed record PractisedQuestion(int QuestionIndex, string? Answer, AnswerEvaluation? Evaluation, DateTimeOffset At);

/// <summary>A prep pack as its owner reads it; inline, so save, practise and delete show at once.</summary>
public sealed class PrepPackView
{
    public Guid Id { get; set; }
    public Guid CandidateId { get; set; }
    public string Company { get; set; } = "";
    public string CompanyKey { get; set; } = "";
    public string? JobTitle { get; set; }
    public string? Industry { get; set; }
    public string CacheKey { get; set; } = "";
    public int PackVersion { get; set; }
    public List<PrepQuestion> Questions { get; set; } = [];
    public string CompanyCulture { get; set; } = "";
    public PrepInterviewProcess InterviewProcess { get; set; } = new(0, [], "");
    public List<string> InterviewTips { get; set; } = [];
    public List<string> CommonTopics { get; set; } = [];
    public bool IsGeneric { get; set; }
    public bool IsSaved { get; set; }
    public List<int> PracticedQuestions { get; set; } = [];
    public List<PractisedQuestion> Practice { get; set; } = [];
    public PrepSource GeneratedBy { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset CachedUntil { get; set; }
    public int CacheHits { get; set; }
    public bool Deleted { get; set; }
}

public sealed partial class PrepPackViewProjection : SingleStreamProjection<PrepPackView, Guid>
{
    /// <summary>Erasure deletes the document; a rebuild does not bring it back.</summary>
    public bool ShouldDelete(PrepPackDataErased e) => true;

    public static PrepPackView Create(PrepPackGenerated e) => new()
    {
        Id = e.PackId,
        CandidateId = e.CandidateId,
        Company = e.Company,
        CompanyKey = e.CompanyKey,
        JobTitle = e.JobTitle,
        Industry = e.Industry,
        CacheKey = e.CacheKey,
        PackVersion = e.Version,
        Questions = e.Content.Questions.ToList(),
        CompanyCulture = e.Content.CompanyCulture,
        InterviewProcess = e.Content.InterviewProcess,
        InterviewTips = e.Content.InterviewTips.ToList(),
        CommonTopics = e.Content.CommonTopics.ToList(),
        IsGeneric = e.Content.IsGeneric,
        GeneratedBy = e.GeneratedBy,
        CreatedAt = e.GeneratedAt,
        CachedUntil = e.CachedUntil
    };

    public void Apply(PrepPackCacheHit e, PrepPackView view) => view.CacheHits++;
    public void Apply(PrepPackSaved e, PrepPackView view) => view.IsSaved = true;
    public void Apply(PrepPackUnsaved e, PrepPackView view) => view.IsSaved = false;
    public void Apply(PrepPackDeleted e, PrepPackView view) => view.Deleted = true;

    public void Apply(PrepQuestionPractised e, PrepPackView view)
    {
        if (!view.PracticedQuestions.Contains(e.QuestionIndex)) view.PracticedQuestions.Add(e.QuestionIndex);
        view.PracticedQuestions.Sort();
        view.Practice.Add(new PractisedQuestion(e.QuestionIndex, e.Answer, e.Evaluation, e.At));
    }
}
