using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Domain.Common;
using Interview.Domain.Questions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.Questions;

public sealed record QuestionItem(
    string Id, string Text, string Track, string Company, Difficulty Difficulty, QuestionType Type,
    IReadOnlyList<string> Tags, IReadOnlyList<string> TechStack, QuestionType RubricCategory,
    IReadOnlyList<string>? ExpectedKeyPoints, IReadOnlyList<string>? FollowUpHints);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class ListQuestions
{
    /// <summary>Questions from the bank as stored in Marten; key points and follow-up hints only for coaches and admins.</summary>
    [WolverineGet("/api/v1/questions", OperationId = "ListQuestions")]
    [Tags("Question bank")]
    public static async Task<Results<Ok<PagedList<QuestionItem>>, ProblemHttpResult>> Get(
        string? type, string? difficulty, string? company, string? track, string? tag, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        var where = new List<string>();
        var parameters = new List<object>();
        void Filter(string field, string? value, IReadOnlyList<string> allowed, string column)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            var normalized = Catalog.Normalize(value);
            if (!allowed.Contains(normalized)) { errors[field] = [$"'{value}' is not one of {string.Join(", ", allowed)}."]; return; }
            where.Add($"data ->> '{column}' = ?");
            parameters.Add(normalized);
        }
        Filter("type", type, EnumText.WireNames<QuestionType>(), "type");
        Filter("difficulty", difficulty, EnumText.WireNames<Difficulty>(), "difficulty");
        Filter("company", company, Catalog.CompanyStyles, "company");
        Filter("track", track, Catalog.Tracks, "track");
        if (!string.IsNullOrWhiteSpace(tag))
        {
            where.Add("data -> 'tags' @> ?::jsonb");
            parameters.Add(System.Text.Json.JsonSerializer.Serialize(new[] { Catalog.Normalize(tag) }));
        }
        var (pageNumber, size, offset) = Paging.Validate(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.Problem(Problems.Validation(errors));

        var filter = where.Count == 0 ? "true" : string.Join(" and ", where);
        var total = (await session.QueryAsync<int>(
            $"select count(*)::int from {session.DocumentStore.Options.Schema.For<Question>()} where {filter}", cancellation, parameters.ToArray())).Single();
        var questions = await session.QueryAsync<Question>(
            $"where {filter} order by id limit {size} offset {offset}", cancellation, parameters.ToArray());

        var showAnswers = user.IsInRoleName(Roles.Coach) || user.IsInRoleName(Roles.Admin);
        var items = questions.Select(q => new QuestionItem(q.Id, q.Text, q.Track, q.Company, q.Difficulty, q.Type, q.Tags,
            q.TechStack, q.RubricCategory, showAnswers ? q.ExpectedKeyPoints : null, showAnswers ? q.FollowUpHints : null)).ToArray();
        return TypedResults.Ok(new PagedList<QuestionItem>(items, total, pageNumber, size));
    }
}

public static class Paging
{
    public const int MaxPageSize = 100;

    /// <summary>page from 1 and pageSize 1..100; a page whose offset would pass int.MaxValue is refused, not wrapped round.</summary>
    public static (int Page, int PageSize, int Offset) Validate(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        if (page is < 1) errors["page"] = ["page starts at 1."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        var (number, size) = (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? 20, 1, MaxPageSize));
        var offset = (number - 1L) * size;
        if (offset > int.MaxValue) errors["page"] = [$"page must be at most {int.MaxValue / size + 1} with pageSize {size}."];
        return (number, size, (int)Math.Min(offset, int.MaxValue));
    }
}
