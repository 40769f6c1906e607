using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Interview.Tests.Hosting;

/// <summary>
/// Meters that live as long as the test process. OpenTelemetry ends the metric stream of every meter of a name once one
/// of them is disposed (open-telemetry/opentelemetry-dotnet#6412), so a helper web app disposed mid-run (a fake LLM, a
/// webhook receiver, an OTLP collector) would silence the shared test hosts' ASP.NET Core, Wolverine and Interview
/// metrics. Those apps use this factory and can be disposed like any other.
/// </summary>
public sealed class ProcessLifetimeMeterFactory : IMeterFactory
{
    private readonly ConcurrentDictionary<(string Name, string? Version), Meter> meters = new();

    public Meter Create(MeterOptions options) =>
        meters.GetOrAdd((options.Name, options.Version), _ =>
            new UndisposedMeter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this }));

    public void Dispose()
    {
    }

    /// <summary>As the runtime's factory meters, deaf to their owners' Dispose (ASP.NET Core's HostingMetrics calls it).</summary>
    private sealed class UndisposedMeter(MeterOptions options) : Meter(options)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}

public static class TestWebApps
{
    /// <summary>A bare web app on a free port of 127.0.0.1 whose meters outlive it.</summary>
    public static WebApplicationBuilder OnAFreePort()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.KeepMetersForTheProcess();
        return builder;
    }

    public static IServiceCollection KeepMetersForTheProcess(this IServiceCollection services) =>
        services.AddSingleton<IMeterFactory, ProcessLifetimeMeterFactory>();
}
