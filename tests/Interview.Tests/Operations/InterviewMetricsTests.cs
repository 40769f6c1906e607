using System.Diagnostics.Metrics;
using Interview.Domain.Sessions;
using Interview.Workers.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class InterviewMetricsTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> measured = [];
    private readonly InterviewMetrics metrics;
    private readonly string meterName = $"Interview.Tests.{Guid.NewGuid():N}";

    public InterviewMetricsTests()
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        // A meter name of its own: disposing a meter named like the hosts' would end their metric streams in OpenTelemetry.
        metrics = new InterviewMetrics(factory, meterName);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        measured.Add((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));

    [Fact]
    public void a_rate_limit_rejection_is_counted_under_its_policy()
    {
        metrics.RecordRateLimitRejection("answers");

        var rejection = measured.ShouldHaveSingleItem();
        rejection.Instrument.ShouldBe("interview.rate_limit.rejections");
        rejection.Value.ShouldBe(1);
        rejection.Tags["policy"].ShouldBe("answers");
    }

    [Fact]
    public void a_call_the_circuit_refused_is_counted_but_has_no_latency_or_tokens()
    {
        metrics.RecordLlmCall(new LlmCallRecorded(Guid.NewGuid(), "follow-up", "openai", "m", "v1", 0, 0, 0, LlmOutcome.CircuitOpen, 0, true,
            null, "circuit open", DateTimeOffset.UtcNow));

        var call = measured.ShouldHaveSingleItem();
        call.Instrument.ShouldBe("interview.llm.calls");
        (call.Tags["purpose"], call.Tags["outcome"], call.Tags["fallback"]).ShouldBe(("follow-up", "circuit_open", true));
    }

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
    }
}
