using Marten;
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

        services.AddHealthChecks()
            .AddCheck("live", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml"]);
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
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowAnonymous();
        return app;
    }
}

/// <summary>Ready when PostgreSQL answers and the event store's tables exist.</summary>
public sealed class DatabaseReadyCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession();
            var tables = await session.QueryAsync<int>(
                "select count(*)::int from information_schema.tables where table_schema = 'interview' and table_name in ('mt_events', 'mt_streams')",
                cancellationToken);
            return tables.Single() == 2
                ? HealthCheckResult.Healthy("database reachable, event store schema ready")
                : HealthCheckResult.Unhealthy("the event store schema is missing");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}
