using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Interview.Api.Hosting;

/// <summary>
/// Checks every request before its endpoint runs, so that no endpoint has to: URL and header sizes, U+0000 in query and
/// route values, all-zero ids, and JSON bodies (size, syntax, a JSON object at the root, no U+0000 in any string).
/// JSON that does not fit the endpoint's types is answered with the JSON path, never with internal type names.
/// </summary>
public static class RequestGuards
{
    public const int MaxJsonBodyBytes = 256 * 1024;
    public const int MaxUrlLength = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    public static IServiceCollection AddRequestGuards(this IServiceCollection services)
    {
        // Kestrel's own limits sit above ours, so that up to twice our limit the answer is still ProblemDetails.
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestLineSize = 2 * MaxUrlLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
        });
        // Runs before any customisation registered earlier (the type family), so that one still applies.
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var earlier = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                ProblemWording.Sanitize(context);
                earlier?.Invoke(context);
            };
        });
        return services;
    }

    /// <summary>The content types Wolverine reads as JSON (an empty one included), so that the guard checks what it will read.</summary>
    public static bool IsReadAsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("text/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("*/*") || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app) => app.UseMiddleware<RequestGuardMiddleware>();
}

public sealed class RequestGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var problem = CheckSizes(context.Request) ?? CheckQueryAndRoute(context) ?? await CheckJsonBody(context.Request);
        if (problem is not null)
        {
            await Write(context, problem);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (JsonError(e) is { } json && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await Write(context, Invalid(ProblemWording.FieldName(json.Path), ProblemWording.WrongShape(json.Path)));
        }
    }

    private static ProblemDetails? CheckSizes(HttpRequest request)
    {
        var urlLength = request.PathBase.Value?.Length + request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (urlLength > RequestGuards.MaxUrlLength)
            return Problem(StatusCodes.Status414UriTooLong, "URL too long", $"The URL is longer than {RequestGuards.MaxUrlLength} characters.");
        var headerBytes = request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0) + 4);
        return headerBytes > RequestGuards.MaxHeaderBytes
            ? Problem(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large", $"The request headers exceed {RequestGuards.MaxHeaderBytes} bytes.")
            : null;
    }

    private static ProblemDetails? CheckQueryAndRoute(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, values) in context.Request.Query)
            if (name.Contains('\0') || values.Any(v => v?.Contains('\0') == true))
                errors[Printable(name)] = [$"The query parameter '{Printable(name)}' contains U+0000, which is not allowed."];
        if (errors.Count > 0) return Problems.Validation(errors);

        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is not string text) continue;
            if (text.Contains('\0')) return Problems.Validation(new Dictionary<string, string[]> { [name] = [$"'{name}' contains U+0000, which is not allowed."] });
            // Guid.Empty names nothing that can exist; the same answer as for any unknown id.
            if (Guid.TryParse(text, out var id) && id == Guid.Empty)
                return Problem(StatusCodes.Status404NotFound, "Not found", $"Nothing with the {name} {text} exists for this account.");
        }
        return null;
    }

    private static async Task<ProblemDetails?> CheckJsonBody(HttpRequest request)
    {
        if (!RequestGuards.IsReadAsJson(request.ContentType) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || request.ContentLength == 0) return null;
        if (request.ContentLength > RequestGuards.MaxJsonBodyBytes) return TooLarge();

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > RequestGuards.MaxJsonBodyBytes) return TooLarge();
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        request.Body = buffer;
        if (buffer.Length == 0) return null;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Invalid("body", $"The request body must be a JSON object, not {Describe(document.RootElement.ValueKind)}.");
            var nul = FindNul(document.RootElement, "$");
            return nul is null ? null : Invalid(ProblemWording.FieldName(nul), $"The value at {nul} contains U+0000, which is not allowed.");
        }
    }

    /// <summary>The JSON path of the first string (or property name) holding U+0000, or null.</summary>
    private static string? FindNul(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString()!.Contains('\0') ? path : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = $"{path}.{Printable(property.Name)}";
                    if (property.Name.Contains('\0')) return child;
                    if (FindNul(property.Value, child) is { } found) return found;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (FindNul(item, $"{path}[{index++}]") is { } found) return found;
                return null;
            default:
                return null;
        }
    }

    private static JsonException? JsonError(Exception e) => e switch
    {
        JsonException json => json,
        Microsoft.AspNetCore.Http.BadHttpRequestException { InnerException: JsonException json } => json,
        _ => null
    };

    private static string Printable(string text) => text.Replace("\0", "\\u0000");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean"
    };

    private static ProblemDetails TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"A JSON request body may hold at most {RequestGuards.MaxJsonBodyBytes} bytes.");

    private static ProblemDetails Invalid(string field, string message) =>
        Problems.Validation(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail, Type = TypeFor(status) };

    // ASP.NET Core's defaults give a type only for the common statuses; these three are ours to name.
    internal static string? TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status500InternalServerError => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status414UriTooLong => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://tools.ietf.org/html/rfc6585#section-5",
        _ => null
    };

    private static Task Write(HttpContext context, ProblemDetails problem) =>
        TypedResults.Problem(problem).ExecuteAsync(context);
}

/// <summary>
/// Rewords problems written by the framework so that none names a .NET type: System.Text.Json's "could not be
/// converted to Interview.Api...", Wolverine's query parsing and body deserialisation messages.
/// </summary>
public static partial class ProblemWording
{
    public static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.") ? path[2..] : path.TrimStart('$');

    public static string WrongShape(string? path) =>
        path is null or "$" ? "The request body does not have the shape this endpoint expects (see the OpenAPI document)."
        : $"The value at {path} does not have the expected type or format.";

    public static void Sanitize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        // Wolverine names its problems under httpstatuses.com; one family for every problem: the RFC links ASP.NET Core uses.
        if (problem.Type?.StartsWith("https://httpstatuses.com/", StringComparison.Ordinal) == true) problem.Type = null;
        var detail = problem.Detail ?? "";
        if (context.Exception is JsonException || context.Exception?.InnerException is JsonException
            || problem.Title is "Invalid JSON format" or "Malformed JSON")
        {
            var path = JsonPath().Match(detail) is { Success: true } match ? match.Groups[1].Value : null;
            problem.Detail = detail.Contains("could not be converted", StringComparison.Ordinal) || path is not null
                ? WrongShape(path)
                : "The request body is not valid JSON.";
            problem.Title = "Malformed JSON";
            if (path is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [FieldName(path)] = [WrongShape(path)] };
        }
        else if (problem.Title == "Request body could not be deserialized")
        {
            // Wolverine answers 500 here, but what reaches this branch is a body our types refuse: the client's error.
            context.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            problem.Status = StatusCodes.Status400BadRequest;
            problem.Title = "Malformed JSON";
            problem.Detail = WrongShape(null);
            problem.Extensions.Remove("exceptionType");
            problem.Extensions.Remove("targetType");
        }
        else if (problem.Title == "Invalid query string value" && problem.Extensions.TryGetValue("parameter", out var parameter))
        {
            var expected = ExpectedType().Match(detail) is { Success: true } match ? match.Groups[1].Value : "";
            problem.Detail = $"The query parameter '{parameter}' must be {Friendly(expected)}.";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [$"{parameter}"] = [problem.Detail] };
        }
        problem.Type ??= RequestGuardMiddleware.TypeFor(problem.Status ?? context.HttpContext.Response.StatusCode);
    }

    private static string Friendly(string type) => type.Split('.').Last().TrimEnd('?') switch
    {
        "Int32" or "int" or "Int64" or "long" or "Int16" or "short" => "a whole number",
        "Double" or "double" or "Decimal" or "decimal" or "Single" or "float" => "a number",
        "Boolean" or "bool" => "true or false",
        "Guid" => "an id (a GUID)",
        "DateOnly" => "a date (yyyy-mm-dd)",
        "DateTime" or "DateTimeOffset" => "a date and time (ISO 8601)",
        _ => "a value of the documented type"
    };

    [GeneratedRegex(@"Path: (\$[^ |]*)")]
    private static partial Regex JsonPath();

    [GeneratedRegex(@"expected type (\S+)")]
    private static partial Regex ExpectedType();
}
