using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.IO.Compression;
using Interview.Api.Hosting.OpenApi;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.OpenApi;

namespace Interview.Api.Hosting;

/// <summary>Problem details, response compression, health checks, OpenAPI and the default "every route needs a token" policy.</summary>
public static class Operations
{
    public static IServiceCollection AddInterviewOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Normalize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var timeout = TimeSpan.FromSeconds(5);
        services.AddHealthChecks()
            .AddCheck("live", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<DatabaseCheck>("database", tags: ["ready"], timeout: timeout)
            .AddCheck<EventStoreSchemaCheck>("event_store", tags: ["ready"], timeout: timeout)
            .AddCheck<AsyncDaemonCheck>("async_daemon", tags: ["ready"], timeout: timeout)
            .AddCheck<HangfireServerCheck>("hangfire", tags: ["ready"], timeout: timeout)
            .AddCheck<LlmCircuitCheck>("llm", tags: ["ready"], timeout: timeout)
            .AddCheck<WarmUpCheck>("warm_up", tags: ["ready"]);

        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml", "application/manifest+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(OpenApiConventions.Configure);
        return services;
    }

    public static WebApplication UseInterviewOperations(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseSwagger(options => options.PreSerializeFilters.Add((document, request) =>
            document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host.Value}{request.PathBase}" }]));
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "Interview API v1"));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteReport })
            .AllowAnonymous();
        return app;
    }

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>{ status, totalDurationMs, checks: [ { name, status, description, durationMs, data } ] }</c>, statuses as words.</summary>
    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description ?? (entry.Value.Exception is null ? null : "check failed"),
                durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                data = entry.Value.Data
            })
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, ReportJson));
    }
}
