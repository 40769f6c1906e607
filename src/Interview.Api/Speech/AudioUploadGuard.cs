using Interview.Api.Hosting;
using Interview.Workers.Speech;
using Microsoft.AspNetCore.Mvc;

namespace Interview.Api.Speech;

/// <summary>
/// Guards the routes that take a recording before anything reads their body: a declared length over Speech:MaxUploadBytes
/// is a 413, anything but multipart/form-data a 400, and the form is read here asynchronously (buffered and rewound, so the
/// idempotency check still sees the request), so the endpoints bind the file from memory and a malformed form is a 400, not a 500.
/// </summary>
public sealed class AudioUploadGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SpeechSettings settings)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !IsUploadRoute(request.Path))
        {
            await next(context);
            return;
        }
        var problem = AudioUpload.Check(request, settings);
        if (problem == Wolverine.Http.WolverineContinue.NoProblems)
        {
            request.EnableBuffering(bufferThreshold: 256 * 1024, bufferLimit: settings.MaxUploadBytes + 64 * 1024);
            try
            {
                await request.ReadFormAsync(context.RequestAborted);
                request.Body.Position = 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                problem = e is BadHttpRequestException { StatusCode: 413 } || e is IOException { Message: var m } && m.Contains("limit", StringComparison.OrdinalIgnoreCase)
                    ? new ProblemDetails { Status = 413, Detail = $"The recording is larger than the limit of {settings.MaxUploadBytes / 1024 / 1024.0:0.#} MB." }
                    : Problems.Validation(new Dictionary<string, string[]> { [AudioUpload.Field] = [$"The multipart form could not be read: {e.Message}"] });
            }
        }
        if (problem != Wolverine.Http.WolverineContinue.NoProblems)
        {
            context.Response.StatusCode = problem.Status ?? 400;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context, ProblemDetails = problem
            });
            return;
        }
        await next(context);
    }

    public static bool IsUploadRoute(PathString path) =>
        path.StartsWithSegments("/api/v1/interviews")
        && (path.Value!.EndsWith("/answers/audio", StringComparison.OrdinalIgnoreCase)
            || path.Value.EndsWith("/answers/transcriptions", StringComparison.OrdinalIgnoreCase));
}
