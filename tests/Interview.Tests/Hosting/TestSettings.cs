namespace Interview.Tests.Hosting;

public static class TestSettings
{
    /// <summary>The shared hosts sign up and log in far more often than a person would: limits raised out of the way.</summary>
    public static readonly IReadOnlyDictionary<string, string?> RaisedRateLimits =
        new[] { "Signup", "Login", "Verify", "Refresh", "Evaluations", "Prep", "Interviews", "Answers", "Speech" }
            .ToDictionary(name => $"RateLimits:{name}:PermitLimit", _ => (string?)"1000000");

    /// <summary>Small upload limits, so that the tests can cross them with small files.</summary>
    public static readonly IReadOnlyDictionary<string, string?> SpeechLimits = new Dictionary<string, string?>
    {
        ["Speech:MaxUploadBytes"] = (2 * 1024 * 1024).ToString(),
        ["Speech:MaxAudioSeconds"] = "30",
        ["Speech:MaxTextLength"] = "400"
    };
}

/// <summary>
/// The system clock moved by <see cref="Offset"/> for the test that sets it and the requests that test makes (the host
/// preserves the execution context), never for background work: tests jump past lockouts and token lifetimes.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private readonly AsyncLocal<TimeSpan> offset = new();

    public TimeSpan Offset
    {
        get => offset.Value;
        set => offset.Value = value;
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset.Value;
}
