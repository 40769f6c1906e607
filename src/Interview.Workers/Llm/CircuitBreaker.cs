using Polly.CircuitBreaker;

namespace Interview.Workers.Llm;

public enum CircuitState { Closed, Open, HalfOpen }

/// <summary>
/// A read-and-reset view of the Polly circuit breaker in <see cref="LlmClient"/>'s pipeline: it opens after a run of
/// failed calls so the offline engine answers at once, and after the open period one trial call decides whether it
/// closes again (a trial that is cancelled or ends in an exception nobody expected still ends the trial).
/// </summary>
public sealed class CircuitBreaker
{
    internal CircuitBreakerStateProvider StateProvider { get; } = new();
    internal CircuitBreakerManualControl Control { get; } = new();

    public CircuitState State => StateProvider.CircuitState switch
    {
        Polly.CircuitBreaker.CircuitState.Closed => CircuitState.Closed,
        Polly.CircuitBreaker.CircuitState.HalfOpen => CircuitState.HalfOpen,
        _ => CircuitState.Open
    };

    /// <summary>Closes the circuit and forgets the failures counted so far (operators and tests).</summary>
    public Task CloseAsync() => Control.CloseAsync();

    /// <summary>Holds the circuit open until <see cref="CloseAsync"/>: the offline engine answers every call.</summary>
    public Task IsolateAsync() => Control.IsolateAsync();
}
