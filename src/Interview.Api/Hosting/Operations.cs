using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace Interview.Api.Hosting;

/// <summary>Problem details, health checks, OpenAPI and the default "every route needs a token" policy.</summary>
public static class Operations
{
    public static IServiceCollection AddInterviewOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
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
            .AddCheck<LlmCircuitCheck>("llm", tags: ["ready"], timeout: timeout);

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Interview API",
                Version = "v1",
                Description = "Event-sourced AI mock interviews: accounts, question bank, interviews."
            });
            options.CustomSchemaIds(type => type.FullName!.Replace("+", ".").Replace("Interview.", ""));
            options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The accessToken returned by POST /api/v1/auth/login."
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", document)] = []
            });
        });
        return services;
    }

    public static WebApplication UseInterviewOperations(this WebApplication app)
    {
        app.UseSwagger();
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
