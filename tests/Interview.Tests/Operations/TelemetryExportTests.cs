using System.Collections.Concurrent;
using Interview.Api.Hosting;
using Interview.Tests.Hosting;
using Interview.Workers.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shouldly;

namespace Interview.Tests.Operations;

/// <summary>
/// The telemetry wiring on a bare web app (no database): where metrics and traces go under each setting. Its meters outlive
/// it (<see cref="ProcessLifetimeMeterFactory"/>), so disposing it leaves the shared test hosts' metrics alone.
/// </summary>
public sealed class TelemetryExportTests
{
    private const string OtlpAssembly = "OpenTelemetry.Exporter.OpenTelemetryProtocol";

    private static (WebApplication App, bool OtlpRegistered) Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseTestServer();
        builder.AddInterviewTelemetry();
        builder.Services.KeepMetersForTheProcess();
        var otlp = builder.Services.Any(d => FromOtlp(d.ServiceType) || FromOtlp(d.ImplementationType));
        var app = builder.Build();
        app.UseInterviewTelemetry();
        app.MapGet("/api/ping", () => "pong");
        return (app, otlp);
    }

    private static bool FromOtlp(Type? type) =>
        type is not null && (type.Assembly.GetName().Name == OtlpAssembly || type.GenericTypeArguments.Any(FromOtlp));

    [Fact]
    public async Task without_an_otlp_endpoint_no_otlp_exporter_is_registered()
    {
        var (app, otlp) = Build(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" });
        await app.DisposeAsync();

        otlp.ShouldBeFalse();
    }

    [Fact]
    public async Task with_an_otlp_endpoint_traces_and_metrics_are_exported_there()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var (built, otlp) = Build(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf"
        });
        await using var app = built;
        otlp.ShouldBeTrue();
        await app.StartAsync();
        (await app.GetTestClient().GetStringAsync("/api/ping")).ShouldBe("pong");
        app.Services.GetRequiredService<InterviewMetrics>().RecordRateLimitRejection("answers");

        await app.StopAsync(); // the request's span ends once the server has finished with it
        // A busy machine can end the span after a flush, or time an export out: flush until the collector has both signals.
        for (var attempt = 0; attempt < 10 && !(collector.Paths.Contains("/v1/traces") && collector.Paths.Contains("/v1/metrics")); attempt++)
        {
            app.Services.GetRequiredService<TracerProvider>().ForceFlush(5000);
            // The Prometheus reader cannot flush (it is pulled), so this reports false; the OTLP reader exports all the same.
            app.Services.GetRequiredService<MeterProvider>().ForceFlush(5000);
        }

        collector.Paths.ShouldContain("/v1/traces");
        collector.Paths.ShouldContain("/v1/metrics");
    }

    [Fact]
    public async Task with_a_management_port_metrics_are_served_there_only_and_the_api_is_not()
    {
        var (built, _) = Build(new() { ["Telemetry:ManagementPort"] = "9464" });
        await using var app = built;
        await app.StartAsync();
        var server = app.GetTestServer();

        async Task<(int Status, string Body)> Get(string path, int port)
        {
            var context = await server.SendAsync(c =>
            {
                c.Request.Method = "GET";
                c.Request.Path = path;
                c.Connection.LocalPort = port;
            });
            return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
        }

        (await Get("/api/ping", 5000)).Status.ShouldBe(200);
        var metrics = await Get("/metrics", 9464);
        metrics.Status.ShouldBe(200);
        metrics.Body.ShouldContain("http_server_request_duration_seconds");
        (await Get("/api/ping", 9464)).Status.ShouldBe(404);
        (await Get("/metrics", 5000)).Status.ShouldBe(404);
        await app.StopAsync();
    }
}

/// <summary>
/// An OTLP/HTTP receiver on a free port that remembers which signal paths were posted to.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> paths = new();

    private OtlpCollector(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<string> Paths => paths.ToArray();

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = TestWebApps.OnAFreePort();
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/{signal}", (HttpContext context) =>
        {
            collector.paths.Enqueue(context.Request.Path);
            return Results.Ok();
        });
        await app.StartAsync();
        collector.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return collector;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
