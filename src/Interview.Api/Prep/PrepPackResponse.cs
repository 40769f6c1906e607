using Interview.Domain.Prep;
using Interview.Projections.Prep;

namespace Interview.Api.Prep;

public sealed record PrepQuestionView(string Question, PrepQuestionType Type, string AnswerFramework, IReadOnlyList<string> Tips);

public sealed record PrepProgress(int Practised, int Total);

public sealed record PrepPackResponse(
    Guid Id, string Company, string? JobTitle, string? Industry, int Version, IReadOnlyList<PrepQuestionView> Questions, string CompanyCulture,
    PrepInterviewProcess InterviewProcess, IReadOnlyList<string> InterviewTips, IReadOnlyList<string> CommonTopics, bool IsSaved,
    IReadOnlyList<int> PracticedQuestions, IReadOnlyList<PractisedQuestion> Practice, PrepProgress Progress, bool IsGeneric,
    PrepSource GeneratedBy, DateTimeOffset CreatedAt, DateTimeOffset CachedUntil)
{
    public static PrepPackResponse From(PrepPackView v) =>
        new(v.Id, v.Company, v.JobTitle, v.Industry, v.PackVersion, QuestionViews(v.Questions),
            v.CompanyCulture, v.InterviewProcess, v.InterviewTips, v.CommonTopics, v.IsSaved, v.PracticedQuestions, v.Practice,
            new PrepProgress(v.PracticedQuestions.Count, v.Questions.Count), v.IsGeneric, v.GeneratedBy, v.CreatedAt, v.CachedUntil);

    /// <summary>The same shape from the pack's write model, for the reply to a command on it.</summary>
    public static PrepPackResponse From(PrepPack pack)
    {
        var g = pack.Generated;
        var practised = pack.Practice.Select(p => p.QuestionIndex).Distinct().Order().ToArray();
        return new(pack.Id, g.Company, g.JobTitle, g.Industry, g.Version, QuestionViews(g.Content.Questions), g.Content.CompanyCulture,
            g.Content.InterviewProcess, g.Content.InterviewTips, g.Content.CommonTopics, pack.IsSaved, practised,
            pack.Practice.Select(p => new PractisedQuestion(p.QuestionIndex, p.Answer, p.Evaluation, p.At)).ToArray(),
            new PrepProgress(practised.Length, g.Content.Questions.Count), g.Content.IsGeneric, g.GeneratedBy, g.GeneratedAt, g.CachedUntil);
    }

    private static PrepQuestionView[] QuestionViews(IEnumerable<PrepQuestion> questions) =>
        questions.Select(q => new PrepQuestionView(q.Question, q.Type, q.AnswerFramework, q.Tips)).ToArray();
}

public static class PrepPackAccess
{
    public static Microsoft.AspNetCore.Mvc.ProblemDetails OwnedBy(PrepPack? pack, System.Security.Claims.ClaimsPrincipal user) =>
        pack is not null && pack.IsOwnedBy(Auth.CurrentUser.UserId(user)) ? Wolverine.Http.WolverineContinue.NoProblems : NotFound();

    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound() =>
        new() { Status = 404, Title = "Not found", Detail = "No prep pack with that id exists for this account." };
}
