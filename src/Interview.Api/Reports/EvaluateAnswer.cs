using Interview.Api.Hosting.OpenApi;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Marten;
using Interview.Domain.Common;
using Interview.Domain.Questions;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Interview.Workers.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Reports;

public sealed record PracticeQuestion([Required] string? Text, [Required, WireValues(typeof(Domain.Common.QuestionType))] string? Type, IReadOnlyList<string>? ExpectedKeyPoints);

public sealed record EvaluationRequest(string? QuestionId, PracticeQuestion? Question, [Required] string? Answer);

/// <summary>One answer's evaluation in the report's answers[] shape, plus who scored it.</summary>
public sealed record EvaluationResponse(
    string QuestionId, string Question, QuestionType Category, int Score, IReadOnlyList<CriterionScore> Criteria, string? NotScoredReason,
    IReadOnlyList<string> KeyPointsCovered, IReadOnlyList<string> KeyPointsMissed, ScoredBy ScoredBy)
{
    public static EvaluationResponse From(AnswerEvaluation e, ScoredBy scoredBy) =>
        new(e.QuestionId, e.Question, e.Category, e.Score, e.Criteria, e.NotScoredReason, e.KeyPointsCovered, e.KeyPointsMissed, scoredBy);
}

public static class EvaluateAnswer
{
    public static ProblemDetails Validate(EvaluationRequest request, QuestionBank bank)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.QuestionId) == (request.Question is null))
            errors["questionId"] = ["Give either questionId (a bank question) or question { text, type, expectedKeyPoints? }."];
        else if (request.QuestionId is not null && bank.Find(request.QuestionId) is null)
            errors["questionId"] = [$"No bank question has id '{request.QuestionId}'."];
        if (request.Question is { } q)
        {
            if (string.IsNullOrWhiteSpace(q.Text) || q.Text.Length > 2_000) errors["question.text"] = ["The question text must be 1 to 2,000 characters."];
            if (!EnumText.TryParseWire<QuestionType>(q.Type, out _))
                errors["question.type"] = [$"'{q.Type}' is not one of {string.Join(", ", EnumText.WireNames<QuestionType>())}."];
            if (q.ExpectedKeyPoints is { Count: > 10 } || q.ExpectedKeyPoints?.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 200) == true)
                errors["question.expectedKeyPoints"] = ["At most 10 key points of 1 to 200 characters."];
        }
        if (request.Answer is null) errors["answer"] = ["The answer is required."];
        else if (request.Answer.Length > InterviewDecider.MaxAnswerLength)
            errors["answer"] = [$"The answer is {request.Answer.Length} characters long; the limit is {InterviewDecider.MaxAnswerLength}."];
        return Problems.Validation(errors);
    }

    /// <summary>Scores one practice answer with the same rubrics and scorer as interview reports; only LLM call audits are stored.</summary>
    [WolverinePost("/api/v1/evaluations", OperationId = "EvaluateAnswer")]
    [Tags("Reports")]
    public static async Task<Ok<EvaluationResponse>> Post(EvaluationRequest request, QuestionBank bank, IReportScorer scorer, ClaimsPrincipal user,
        IDocumentSession session, CancellationToken cancellation)
    {
        var toScore = request.QuestionId is not null && bank.Find(request.QuestionId) is { } q
            ? new AnswerToScore(q.Id, q.Text, q.RubricCategory, q.ExpectedKeyPoints, q.Tags, [request.Answer!])
            : new AnswerToScore("custom", request.Question!.Text!.Trim(), EnumText.TryParseWire<QuestionType>(request.Question.Type, out var type) ? type : QuestionType.Technical,
                request.Question.ExpectedKeyPoints ?? [], [], [request.Answer!]);
        // Practice answers have no interview stream: the audit of any LLM call goes to the candidate's own stream.
        var scored = await scorer.ScoreAsync(user.UserId(), [toScore], cancellation);
        if (scored.Calls.Count > 0) session.Events.Append(user.UserId(), scored.Calls.Cast<object>().ToArray());
        return TypedResults.Ok(EvaluationResponse.From(scored.Answers[0], scored.ScoredBy));
    }
}
