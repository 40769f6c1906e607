using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Questions;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Projections.History;
using Marten;
using PagedList = Interview.Api.Questions.PagedList<Interview.Projections.History.InterviewSummary>;

using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.History;

public static class ListInterviews
{
    private static readonly string[] Sorts = ["date", "-date", "score", "-score"];

    /// <summary>The caller's interviews from the projected summaries, filtered, sorted (default newest first) and paged.</summary>
    [WolverineGet("/api/v1/interviews", OperationId = "ListInterviews")]
    [Tags("Interviews")]
    public static async Task<Results<Ok<PagedList>, ProblemHttpResult>> Get(
        string? type, string? difficulty, string? status, string? companyStyle, string? sort, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        string? Check(string field, string? value, IReadOnlyList<string> allowed)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var normalized = value.Trim();
            if (!allowed.Contains(normalized)) errors[field] = [$"'{value}' is not one of {string.Join(", ", allowed)}."];
            return normalized;
        }
        var typeFilter = Check("type", type, EnumText.WireNames<InterviewType>());
        var difficultyFilter = Check("difficulty", difficulty, EnumText.WireNames<Difficulty>());
        var statusFilter = Check("status", status, EnumText.WireNames<InterviewStatus>());
        var companyFilter = Check("companyStyle", companyStyle?.ToLowerInvariant(), Catalog.CompanyStyles);
        var order = Check("sort", sort, Sorts) ?? "-date";
        var (pageNumber, size, offset) = Paging.Validate(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.Problem(Problems.Validation(errors));

        var candidate = user.UserId();
        var query = session.Query<InterviewSummary>().Where(s => s.CandidateId == candidate);
        if (typeFilter is not null) query = query.Where(s => s.Type == typeFilter);
        if (difficultyFilter is not null) query = query.Where(s => s.Difficulty == difficultyFilter);
        if (statusFilter is not null) query = query.Where(s => s.Status == statusFilter);
        if (companyFilter is not null) query = query.Where(s => s.CompanyStyle == companyFilter);
        var filtered = query;
        query = order switch
        {
            "date" => query.OrderBy(s => s.CreatedAt),
            "score" => query.OrderBy(s => s.Score).ThenByDescending(s => s.CreatedAt),
            "-score" => query.OrderByDescending(s => s.Score).ThenByDescending(s => s.CreatedAt),
            _ => query.OrderByDescending(s => s.CreatedAt)
        };
        // Two index-backed queries beat one count(*) over() window that must visit every matching row.
        var total = await filtered.CountAsync(cancellation);
        var items = await query.Skip(offset).Take(size).ToListAsync(cancellation);
        return TypedResults.Ok(new PagedList(items.ToArray(), total, pageNumber, size));
    }
}
