using Microsoft.Extensions.Configuration;

namespace Interview.Workers.Llm;

public enum LlmProvider { Offline, Azure, OpenAi }

/// <summary>The Llm:* settings. Offline (the default) needs nothing; azure and openai need an endpoint and a model.</summary>
public sealed record LlmSettings
{
    public LlmProvider Provider { get; init; } = LlmProvider.Offline;
    public string? Endpoint { get; init; }
    public string? ApiKey { get; init; }
    public string Model { get; init; } = "offline";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);
    public int MaxTokensPerCall { get; init; } = 800;
    public int MaxTokensPerInterview { get; init; } = 30_000;
    public int MaxRetries { get; init; } = 2;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);
    public int BreakerFailureThreshold { get; init; } = 3;
    public TimeSpan BreakerOpenDuration { get; init; } = TimeSpan.FromSeconds(30);
    public decimal InputCostPer1KTokens { get; init; }
    public decimal OutputCostPer1KTokens { get; init; }

    public string? Problem { get; init; }

    public bool Enabled => Provider != LlmProvider.Offline;

    /// <summary>Throws when the settings cannot be used; run when the host starts, not when it is built.</summary>
    public void EnsureValid()
    {
        if (Problem is not null) throw new InvalidOperationException(Problem);
    }

    public string ProviderName => Provider switch
    {
        LlmProvider.Azure => "azure",
        LlmProvider.OpenAi => "openai",
        _ => "offline"
    };

    public static LlmSettings Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("Llm");
        var providerName = (section["Provider"] ?? "offline").Trim().ToLowerInvariant();
        LlmProvider? provider = providerName switch
        {
            "" or "offline" => LlmProvider.Offline,
            "azure" => LlmProvider.Azure,
            "openai" => LlmProvider.OpenAi,
            _ => null
        };
        var settings = new LlmSettings
        {
            Provider = provider ?? LlmProvider.Offline,
            Endpoint = section["Endpoint"],
            ApiKey = section["ApiKey"],
            Model = section["Deployment"] ?? section["Model"] ?? "offline",
            Timeout = TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 20.0)),
            MaxTokensPerCall = section.GetValue("MaxTokensPerCall", 800),
            MaxTokensPerInterview = section.GetValue("MaxTokensPerInterview", 30_000),
            MaxRetries = section.GetValue("MaxRetries", 2),
            RetryBaseDelay = TimeSpan.FromMilliseconds(section.GetValue("RetryBaseDelayMs", 500)),
            MaxRetryAfter = TimeSpan.FromSeconds(section.GetValue("MaxRetryAfterSeconds", 10.0)),
            BreakerFailureThreshold = section.GetValue("BreakerFailureThreshold", 3),
            BreakerOpenDuration = TimeSpan.FromSeconds(section.GetValue("BreakerOpenSeconds", 30.0)),
            InputCostPer1KTokens = section.GetValue("InputCostPer1KTokens", 0m),
            OutputCostPer1KTokens = section.GetValue("OutputCostPer1KTokens", 0m)
        };
        var problem = provider is null ? $"Llm:Provider '{providerName}' is not one of offline, azure, openai."
            : !settings.Enabled ? null
            : !Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out _) ? $"Llm:Endpoint must be an absolute URL when Llm:Provider is {settings.ProviderName}."
            : settings.Model == "offline" ? $"Llm:Model (or Llm:Deployment for azure) is required when Llm:Provider is {settings.ProviderName}."
            : null;
        return settings with { Problem = problem };
    }
}
