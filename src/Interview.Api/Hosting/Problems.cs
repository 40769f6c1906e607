using Interview.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Interview.Api.Hosting;

public static class Problems
{
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
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellation)
    {
        var (status, title, detail) = Classify(exception);
        if (status == 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail }
        });
    }

    private static (int, string, string) Classify(Exception exception) => exception switch
    {
        System.Text.Json.JsonException or BadHttpRequestException { InnerException: System.Text.Json.JsonException } =>
            (400, "Malformed JSON", $"The request body is not valid JSON for this endpoint: {exception.InnerException?.Message ?? exception.Message}"),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
        JasperFx.ConcurrencyException or JasperFx.Events.StreamLockedException or JasperFx.Events.ExistingStreamIdCollisionException
            or JasperFx.DocumentAlreadyExistsException =>
            (409, "Conflict", "Another request changed this resource at the same time; reload and try again."),
        TimeoutException => (409, "Conflict", "Another request on this resource is still being processed; try again shortly."),
        _ => (500, "Unexpected error", "The server failed to handle the request; it has been logged.")
    };
}
