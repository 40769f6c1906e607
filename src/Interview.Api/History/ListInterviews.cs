using Interview.Api.Hosting.OpenApi;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Projections.History;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Interview.Api.History;

public static class ListInterviews
{
    public static readonly string[] Sorts = ["date", "-date", "score", "-score"];

    /// <summary>The caller's interviews from the projected summaries, filtered, sorted (default newest first) and paged.</summary>
    [WolverineGet("/api/v1/interviews", OperationId = "ListInterviews")]
    [Tags("Interviews")]
    public static async Task<Results<Ok<PagedList<InterviewSummary>>, ProblemHttpResult>> Get(
        [WireValues(typeof(InterviewType))] string? type, [WireValues(typeof(Difficulty))] string? difficulty,
        [WireValues(typeof(InterviewStatus))] string? status, [WireValues(typeof(Catalog), nameof(Catalog.CompanyStyles))] string? companyStyle,
        [WireValues(typeof(ListInterviews), nameof(Sorts))] string? sort, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        string? Check(string field, string? value, IReadOnlyList<string> allowed) => QueryFilters.OneOf(field, value, allowed, errors);
        var typeFilter = Check("type", type, EnumText.WireNames<InterviewType>());
        var difficultyFilter = Check("difficulty", difficulty, EnumText.WireNames<Difficulty>());
        var statusFilter = Check("status", status, EnumText.WireNames<InterviewStatus>());
        var companyFilter = Check("companyStyle", companyStyle, Catalog.CompanyStyles);
        var order = Check("sort", sort, Sorts) ?? "-date";
        var (pageNumber, size) = Paging.Validate(page, pageSize, errors);
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
        var items = await query.Skip((pageNumber - 1) * size).Take(size).ToListAsync(cancellation);
        return TypedResults.Ok(new PagedList<InterviewSummary>(items.ToArray(), total, pageNumber, size));
    }
}
