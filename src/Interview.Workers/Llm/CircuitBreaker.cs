namespace Interview.Workers.Llm;

public enum CircuitState { Closed, Open, HalfOpen }

/// <summary>
/// Opens after a run of failed calls so the offline engine answers at once instead of waiting on a sick endpoint;
/// after the open period one trial call decides whether it closes again.
/// </summary>
public sealed class CircuitBreaker(int failureThreshold, TimeSpan openDuration, TimeProvider clock)
{
    private readonly Lock gate = new();
    private int consecutiveFailures;
    private DateTimeOffset? openedAt;
    private bool trialInFlight;

    public CircuitState State
    {
        get
        {
            lock (gate) return CurrentState();
        }
    }

    /// <summary>Whether a call may go out now; in half-open state only one trial call is let through.</summary>
    public bool TryAcquire()
    {
        lock (gate)
        {
            switch (CurrentState())
            {
                case CircuitState.Closed: return true;
                case CircuitState.HalfOpen when !trialInFlight: trialInFlight = true; return true;
                default: return false;
            }
        }
    }

    public void RecordSuccess()
    {
        lock (gate)
        {
            consecutiveFailures = 0;
            openedAt = null;
            trialInFlight = false;
        }
    }

    public void RecordFailure()
    {
        lock (gate)
        {
            consecutiveFailures++;
            if (trialInFlight || consecutiveFailures >= failureThreshold) openedAt = clock.GetUtcNow();
            trialInFlight = false;
        }
    }

    private CircuitState CurrentState() =>
        openedAt is null ? CircuitState.Closed
        : clock.GetUtcNow() - openedAt < openDuration ? CircuitState.Open
        : CircuitState.HalfOpen;
}
