using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Interview.Api.Auth;
using Interview.Workers;
using Marten;

namespace Interview.Api.Idempotency;

/// <summary>The first successful reply to a caller's idempotency key, with a hash of the request it answered.</summary>
public sealed class IdempotencyRecord
{
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public int Status { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public static string IdFor(Guid userId, string key) => $"{userId:N}:{key}";
}

public static class IdempotencyKeys
{
    /// <summary>The Idempotency-Key header's key, else the one the body or form carries; trimmed, null when neither has one.</summary>
    public static string? Choose(string? header, string? body) =>
        (string.IsNullOrWhiteSpace(header) ? body : header)?.Trim() is { Length: > 0 } key ? key : null;
}

/// <summary>
/// Idempotency for every POST that creates or appends: the key comes from the Idempotency-Key header or the JSON body's
/// idempotencyKey, scoped to the caller. Requests with one key are serialised on a PostgreSQL advisory lock; the first
/// 2xx reply is stored durably with a hash of the request (method, path, body without the key), and a later request with
/// the key gets that reply again (same status, body and Location, header Idempotent-Replayed: true), or a 422 when its
/// payload differs. Replies that are not 2xx are not stored: the client may retry them with the same key.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public async Task InvokeAsync(HttpContext context, IDocumentStore store, AdvisoryLocks locks, TimeProvider clock)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || context.User.Identity?.IsAuthenticated != true
            || !request.Path.StartsWithSegments("/api/v1") || request.Path.StartsWithSegments("/api/v1/auth"))
        {
            await next(context);
            return;
        }

        var (key, hash, problem) = await ReadAsync(request, context.RequestAborted);
        if (problem is not null)
        {
            await Results.Problem(statusCode: 400, title: "The request is invalid", detail: problem).ExecuteAsync(context);
            return;
        }
        if (key is null)
        {
            await next(context);
            return;
        }

        var userId = context.User.UserId();
        var id = IdempotencyRecord.IdFor(userId, key);
        var claim = new IdempotencyClaim(id, userId, key, hash);
        await using var queued = await locks.AcquireAsync(AdvisoryLocks.IdempotencyScope, id, Wait, context.RequestAborted);
        IdempotencyRecord? stored;
        await using (var query = store.QuerySession())
            stored = await query.LoadAsync<IdempotencyRecord>(id, context.RequestAborted);
        if (stored is not null)
        {
            if (stored.RequestHash == hash) await ReplayAsync(context, stored);
            else
                await Results.Problem(statusCode: 422, title: "Idempotency key reused",
                    detail: $"The idempotency key '{key}' was already used for a different request ({stored.Method} {stored.Path} with another payload); use a new key for a new request.")
                    .ExecuteAsync(context);
            return;
        }

        context.Features.Set(claim);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        // Endpoints that write through a Marten session stored the reply with their events; the rest are stored here.
        if (!claim.Recorded && context.Response.StatusCode is >= 200 and < 300)
        {
            await using var session = store.LightweightSession();
            session.Store(Record(claim, request, context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location,
                Encoding.UTF8.GetString(buffer.ToArray()), clock.GetUtcNow()));
            await session.SaveChangesAsync(CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    public static IdempotencyRecord Record(IdempotencyClaim claim, HttpRequest request, int status, string? contentType, string? location, string body,
        DateTimeOffset at) => new()
    {
        Id = claim.Id, UserId = claim.UserId, Key = claim.Key, RequestHash = claim.RequestHash, Method = request.Method,
        Path = request.Path + request.QueryString, Status = status, ContentType = contentType, Location = location, Body = body, At = at
    };

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord stored)
    {
        context.Response.StatusCode = stored.Status;
        if (stored.ContentType is not null) context.Response.ContentType = stored.ContentType;
        if (stored.Location is not null) context.Response.Headers.Location = stored.Location;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static async Task<IFormCollection?> ReadFormOrNull(HttpRequest request, CancellationToken cancellation)
    {
        try
        {
            var form = await request.ReadFormAsync(cancellation);
            request.Body.Position = 0;
            return form;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The key (header first, then the JSON body's idempotencyKey, or the form's) and the hash of the request without it.</summary>
    private static async Task<(string? Key, string Hash, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellation);
        request.Body.Position = 0;
        var body = copy.ToArray();

        string? bodyKey = null;
        var canonical = body;
        if (request.HasJsonContentType() && body.Length > 0)
        {
            try
            {
                if (JsonNode.Parse(body) is JsonObject json)
                {
                    if (json["idempotencyKey"] is JsonValue value && value.TryGetValue<string>(out var k)) bodyKey = k;
                    json.Remove("idempotencyKey");
                    canonical = Encoding.UTF8.GetBytes(json.ToJsonString());
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the endpoint answers it; the raw bytes are hashed.
            }
        }

        // A multipart form (a recorded answer) is hashed by its fields and files, not its bytes: a client's retry picks a new boundary.
        if (request.HasFormContentType && await ReadFormOrNull(request, cancellation) is { } form)
        {
            bodyKey = form["idempotencyKey"].ToString() is { Length: > 0 } formKey ? formKey : null;
            var parts = new StringBuilder();
            foreach (var field in form.Where(f => f.Key != "idempotencyKey").OrderBy(f => f.Key, StringComparer.Ordinal))
                parts.Append($"field {field.Key}={field.Value}\n");
            foreach (var file in form.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                await using var content = file.OpenReadStream();
                parts.Append($"file {file.Name} {file.FileName} {file.ContentType} {Convert.ToHexString(await SHA256.HashDataAsync(content, cancellation))}\n");
            }
            canonical = Encoding.UTF8.GetBytes(parts.ToString());
        }

        var headerKey = request.Headers[Header].ToString();
        if (IdempotencyKeys.Choose(headerKey, bodyKey) is not { } key) return (null, "", null);
        if (!string.IsNullOrWhiteSpace(headerKey) && !string.IsNullOrWhiteSpace(bodyKey) && headerKey.Trim() != bodyKey.Trim())
            return (null, "", $"The {Header} header and the body's idempotencyKey differ; send one key.");
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
            return (null, "", $"The idempotency key must be 1 to {MaxKeyLength} printable characters.");

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        sha.AppendData(canonical);
        return (key, Convert.ToHexString(sha.GetHashAndReset()), null);
    }
}

public static class IdempotencyConfiguration
{
    public static StoreOptions ConfigureIdempotency(this StoreOptions options)
    {
        options.Schema.For<IdempotencyRecord>().Index(x => x.UserId);
        return options;
    }

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();

    public static IServiceCollection AddIdempotency(this IServiceCollection services) =>
        services.AddSingleton(sp => AdvisoryLocks.For(sp.GetRequiredService<IConfiguration>()))
            .AddTransient<ExpireIdempotencyRecords>().AddRecurringJob(jobs =>
            jobs.AddOrUpdate<ExpireIdempotencyRecords>(ExpireIdempotencyRecords.RecurringJobId, job => job.Run(CancellationToken.None), Cron.Hourly(17)));
}
