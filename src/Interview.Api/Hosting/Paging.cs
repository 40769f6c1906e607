using Microsoft.AspNetCore.Mvc;

namespace Interview.Api.Hosting;

/// <summary>Every list endpoint's response: one page of items, the total across pages, and the page asked for.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>A validated page request: page >= 1, pageSize 1..<see cref="Paging.MaxPageSize"/>, and an offset that fits an int.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public int Offset => (Page - 1) * PageSize;

    public PagedList<T> Of<T>(IReadOnlyList<T> items, int total) => new(items, total, Page, PageSize);

    /// <summary>Pages a list already in memory (small read models); large ones should page in the query instead.</summary>
    public PagedList<T> Slice<T>(IReadOnlyCollection<T> all) => Of(all.Skip(Offset).Take(PageSize).ToArray(), all.Count);
}

/// <summary>The shared page/pageSize rules of every list endpoint.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Adds a "page" or "pageSize" error when out of range; absent values default to page 1 of 20.</summary>
    public static PageRequest Validate(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        if (page is < 1) errors["page"] = ["page starts at 1."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        var request = new PageRequest(Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
        if ((long)(request.Page - 1) * request.PageSize > int.MaxValue)
            errors["page"] = [$"page must be at most {int.MaxValue / request.PageSize + 1} with pageSize {request.PageSize}."];
        return request;
    }

    /// <summary>For a list endpoint with no other filters: the page asked for, or the 400 to return.</summary>
    public static bool IsValid(int? page, int? pageSize, out PageRequest request,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? problem)
    {
        var errors = new Dictionary<string, string[]>();
        request = Validate(page, pageSize, errors);
        problem = errors.Count > 0 ? TypedResults.Problem(Problems.Validation(errors)) : null;
        return problem is null;
    }

    /// <summary>For a Wolverine Validate method: a 400 ProblemDetails when page or pageSize is out of range, else NoProblems.</summary>
    public static ProblemDetails Check(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(page, pageSize, errors);
        return Problems.Validation(errors);
    }
}
