namespace Interview.Tests.Hosting;

public static class TestSettings
{
    /// <summary>The shared hosts sign up and log in far more often than a person would: limits raised out of the way.</summary>
    public static readonly IReadOnlyDictionary<string, string?> RaisedRateLimits =
        new[] { "Signup", "Login", "Verify", "Refresh", "Evaluations", "Prep", "Interviews", "Answers" }
            .ToDictionary(name => $"RateLimits:{name}:PermitLimit", _ => (string?)"1000000");
}

/// <summary>The system clock moved by <see cref="Offset"/>: tests jump past lockouts and token lifetimes without waiting.</summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
