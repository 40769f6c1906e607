using Interview.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Interview.Api.Hosting;

public static class Problems
{
    /// <summary>
    /// One type family and one title per status: every problem's type is the section of the RFC that defines its status
    /// (RFC 9110; 429 is defined in RFC 6585), and its title is that status's name. What went wrong goes in detail.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, (string Type, string Title)> ByStatus = new Dictionary<int, (string, string)>
    {
        [400] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1", "Bad Request"),
        [401] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2", "Unauthorized"),
        [403] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4", "Forbidden"),
        [404] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5", "Not Found"),
        [405] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6", "Method Not Allowed"),
        [406] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.7", "Not Acceptable"),
        [409] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", "Conflict"),
        [413] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14", "Content Too Large"),
        [415] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16", "Unsupported Media Type"),
        [422] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21", "Unprocessable Content"),
        [429] = ("https://www.rfc-editor.org/rfc/rfc6585#section-4", "Too Many Requests"),
        [500] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1", "Internal Server Error"),
        [503] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4", "Service Unavailable"),
    };

    /// <summary>Applied to every ProblemDetails the app writes (AddProblemDetails' CustomizeProblemDetails).</summary>
    public static void Normalize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        if (ByStatus.TryGetValue(status, out var known))
            (problem.Type, problem.Title) = known;
        else
            (problem.Type, problem.Title) = ("about:blank", ReasonPhrases.GetReasonPhrase(status));
        problem.Instance ??= context.HttpContext.Request.Path;
    }

    public static ProblemHttpResult From(Rejection rejection) =>
        TypedResults.Problem(detail: rejection.Detail, statusCode: rejection.Status, title: rejection.Title);

    public static ProblemHttpResult NotFound(string what) =>
        From(Rejection.NotFound($"No {what} with that id exists for this account."));

    /// <summary>A 400 with an errors map of field -> messages; <see cref="Wolverine.Http.WolverineContinue.NoProblems"/> when empty.</summary>
    public static ProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count == 0
            ? Wolverine.Http.WolverineContinue.NoProblems
            : new HttpValidationProblemDetails(errors.ToDictionary())
            {
                Status = 400,
                Title = "The request is invalid",
                Detail = string.Join(" ", errors.SelectMany(e => e.Value))
            };
}

/// <summary>Turns what escapes an endpoint into ProblemDetails: malformed JSON 400, write races 409, the rest 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, IHostEnvironment environment, ILogger<ProblemExceptionHandler> logger)
    : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellation)
    {
        var (status, title, detail) = Classify(exception);
        // A write race can arrive wrapped by another exception: it is still a 409, not a server error.
        if (status == 500 && Causes(exception).Skip(1).Any(IsWriteRace)) (status, title, detail) = WriteRace;
        if (status == 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        else if (status == 409) logger.LogInformation(exception, "Write race on {Method} {Path}: answered 409", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        // In Development a write race names its cause, so that a test failing on a 409 says which write lost.
        if (status == 409 && environment.IsDevelopment())
            problem.Extensions["cause"] = string.Join(" <- ", Causes(exception).Select(cause => $"{cause.GetType().Name}: {cause.Message}"));
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    private static readonly (int, string, string) WriteRace =
        (409, "Conflict", "Another request changed this resource at the same time; reload and try again.");

    private static bool IsWriteRace(Exception exception) => exception is JasperFx.ConcurrencyException or JasperFx.Events.StreamLockedException
        or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
        or JasperFx.DocumentAlreadyExistsException or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        or Npgsql.PostgresException { SqlState: "MT003" };

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException) yield return cause;
    }

    private static (int, string, string) Classify(Exception exception) => exception switch
    {
        System.Text.Json.JsonException or BadHttpRequestException { InnerException: System.Text.Json.JsonException } =>
            (400, "Malformed JSON", $"The request body is not valid JSON for this endpoint: {exception.InnerException?.Message ?? exception.Message}"),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
        _ when IsWriteRace(exception) => WriteRace,
        TimeoutException => (409, "Conflict", "Another request on this resource is still being processed; try again shortly."),
        _ => (500, "Unexpected error", "The server failed to handle the request; it has been logged.")
    };
}
