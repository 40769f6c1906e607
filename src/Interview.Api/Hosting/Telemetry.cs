using Interview.Domain.Accounts;
using Interview.Workers.Telemetry;
using Marten;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Interview.Api.Hosting;

/// <summary>
/// Where telemetry goes. <c>/metrics</c> (Prometheus text) is admin-only on the API's port, unless
/// <see cref="ManagementPort"/> is set: then the app also listens there and serves the scrape endpoint (and health)
/// anonymously on that port only, for a scraper inside the cluster network. OTLP export (traces, metrics, logs) is on
/// only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the standard <c>OTEL_*</c> variables configure it.
/// </summary>
public sealed record TelemetrySettings(string MetricsPath, int? ManagementPort, string? OtlpEndpoint, string ServiceName)
{
    public bool OtlpEnabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public static TelemetrySettings Load(IConfiguration configuration) => new(
        configuration["Telemetry:MetricsPath"] is { Length: > 0 } path ? path : "/metrics",
        configuration.GetValue<int?>("Telemetry:ManagementPort"),
        configuration["OTEL_EXPORTER_OTLP_ENDPOINT"],
        configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "interview");
}

public static class Telemetry
{
    /// <summary>The meters exported besides ASP.NET Core's, HttpClient's, the runtime's and Npgsql's (Wolverine names its meter "Wolverine:{service name}").</summary>
    public static readonly string[] Meters = ["Wolverine*", "Marten", InterviewMetrics.MeterName];

    /// <summary>OpenTelemetry traces and metrics, the app's meters, trace ids on log lines, and the listener that times turns and reports.</summary>
    public static WebApplicationBuilder AddInterviewTelemetry(this WebApplicationBuilder builder)
    {
        var settings = TelemetrySettings.Load(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<InterviewMetrics>();
        builder.Services.AddSingleton<InterviewLatencyListener>();
        builder.Services.ConfigureMarten((services, options) => options.Listeners.Add(services.GetRequiredService<InterviewLatencyListener>()));
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Meters)
                .AddPrometheusExporter(options =>
                {
                    options.ScrapeEndpointPath = settings.MetricsPath;
                    options.ScrapeResponseCacheDurationMilliseconds = 0;
                }))
            .WithTracing(tracing =>
            {
                // Requests and messages always get a trace (its id is on every log line); database and outgoing HTTP
                // spans are only made when they go somewhere.
                tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperational(context, settings))
                    .AddSource("Wolverine");
                if (settings.OtlpEnabled) tracing.AddHttpClientInstrumentation().AddNpgsql().AddSource("Marten");
            });
        if (settings.OtlpEnabled) telemetry.UseOtlpExporter();

        if (settings.ManagementPort is { } port) builder.WebHost.UseUrls([.. ServerUrls(builder.Configuration), $"http://*:{port}"]);
        return builder;
    }

    /// <summary>The scrape endpoint, admin-only on the API's port or anonymous on the management port.</summary>
    public static WebApplication UseInterviewTelemetry(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<TelemetrySettings>();
        if (settings.ManagementPort is { } port)
        {
            app.Use(async (context, next) =>
            {
                if (context.Connection.LocalPort == port && !IsOperational(context, settings)) context.Response.StatusCode = StatusCodes.Status404NotFound;
                else await next(context);
            });
            app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null,
                predicate: context => context.Connection.LocalPort == port && context.Request.Path == settings.MetricsPath,
                path: null, configureBranchedPipeline: null, optionsName: null);
        }
        else
        {
            app.MapPrometheusScrapingEndpoint(settings.MetricsPath).RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        }
        return app;
    }

    private static bool IsOperational(HttpContext context, TelemetrySettings settings) =>
        context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments(settings.MetricsPath);

    // The addresses the API would have listened on without a management port (ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS, Kestrel's default).
    private static IEnumerable<string> ServerUrls(IConfiguration configuration) =>
        configuration["urls"] is { Length: > 0 } urls ? urls.Split(';', StringSplitOptions.RemoveEmptyEntries)
        : configuration["http_ports"] is { Length: > 0 } ports ? ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p}")
        : ["http://localhost:5000"];
}
