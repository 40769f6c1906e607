using Interview.Api.Hosting.OpenApi;
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

public static class ListQuestions
{
    /// <summary>Questions from the bank as stored in Marten; key points and follow-up hints only for coaches and admins.</summary>
    [WolverineGet("/api/v1/questions", OperationId = "ListQuestions")]
    [Tags("Question bank")]
    public static async Task<Results<Ok<PagedList<QuestionItem>>, ProblemHttpResult>> Get(
        [WireValues(typeof(QuestionType))] string? type, [WireValues(typeof(Difficulty))] string? difficulty,
        [WireValues(typeof(Catalog), nameof(Catalog.CompanyStyles))] string? company, [WireValues(typeof(Catalog), nameof(Catalog.Tracks))] string? track,
        string? tag, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        var where = new List<string>();
        var parameters = new List<object>();
        void Filter(string field, string? value, IReadOnlyList<string> allowed, string column)
        {
            if (QueryFilters.OneOf(field, value, allowed, errors) is not { } normalized) return;
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
        var (pageNumber, size) = Paging.Validate(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.Problem(Problems.Validation(errors));

        var filter = where.Count == 0 ? "true" : string.Join(" and ", where);
        var total = (await session.QueryAsync<int>(
            $"select count(*)::int from {session.DocumentStore.Options.Schema.For<Question>()} where {filter}", cancellation, parameters.ToArray())).Single();
        var questions = await session.QueryAsync<Question>(
            $"where {filter} order by id limit {size} offset {(pageNumber - 1) * size}", cancellation, parameters.ToArray());

        var showAnswers = user.IsInRoleName(Roles.Coach) || user.IsInRoleName(Roles.Admin);
        var items = questions.Select(q => new QuestionItem(q.Id, q.Text, q.Track, q.Company, q.Difficulty, q.Type, q.Tags,
            q.TechStack, q.RubricCategory, showAnswers ? q.ExpectedKeyPoints : null, showAnswers ? q.FollowUpHints : null)).ToArray();
        return TypedResults.Ok(new PagedList<QuestionItem>(items, total, pageNumber, size));
    }
}
