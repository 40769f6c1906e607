using Microsoft.Extensions.Configuration;

namespace Interview.Workers.Speech;

public enum SpeechProvider { Offline, Azure, OpenAi }

/// <summary>
/// The Speech:* settings. Offline (the default) speaks with flite and transcribes with pocketsphinx after ffmpeg;
/// azure and openai use the OpenAI-compatible speech and transcription APIs (an Azure deployment each, or models on a /v1 server).
/// </summary>
public sealed record SpeechSettings
{
    public SpeechProvider Provider { get; init; } = SpeechProvider.Offline;
    public string? Endpoint { get; init; }
    public string? ApiKey { get; init; }
    public string SpeechModel { get; init; } = "tts-1";
    public string TranscriptionModel { get; init; } = "whisper-1";
    public string DefaultVoice { get; init; } = "";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxTextLength { get; init; } = 1_000;
    public long MaxUploadBytes { get; init; } = 10 * 1024 * 1024;
    public double MaxAudioSeconds { get; init; } = 300;
    public double MinAudioSeconds { get; init; } = 0.5;
    public int CacheEntries { get; init; } = 500;
    public string? Problem { get; init; }

    public bool UsesApi => Provider != SpeechProvider.Offline;

    public string ProviderName => Provider switch
    {
        SpeechProvider.Azure => "azure",
        SpeechProvider.OpenAi => "openai",
        _ => "offline"
    };

    public void EnsureValid()
    {
        if (Problem is not null) throw new InvalidOperationException(Problem);
    }

    public static SpeechSettings Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("Speech");
        var name = (section["Provider"] ?? "offline").Trim().ToLowerInvariant();
        SpeechProvider? provider = name switch
        {
            "" or "offline" => SpeechProvider.Offline,
            "azure" => SpeechProvider.Azure,
            "openai" => SpeechProvider.OpenAi,
            _ => null
        };
        var settings = new SpeechSettings
        {
            Provider = provider ?? SpeechProvider.Offline,
            Endpoint = section["Endpoint"],
            ApiKey = section["ApiKey"],
            SpeechModel = section["SpeechDeployment"] ?? section["SpeechModel"] ?? "tts-1",
            TranscriptionModel = section["TranscriptionDeployment"] ?? section["TranscriptionModel"] ?? "whisper-1",
            DefaultVoice = section["Voice"] ?? "",
            Timeout = TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 30.0)),
            MaxTextLength = section.GetValue("MaxTextLength", 1_000),
            MaxUploadBytes = section.GetValue("MaxUploadBytes", 10L * 1024 * 1024),
            MaxAudioSeconds = section.GetValue("MaxAudioSeconds", 300.0),
            MinAudioSeconds = section.GetValue("MinAudioSeconds", 0.5),
            CacheEntries = section.GetValue("CacheEntries", 500)
        };
        string? problem = provider is null
            ? $"Speech:Provider '{section["Provider"]}' is not one of offline, azure, openai."
            : provider != SpeechProvider.Offline && !Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out _)
                ? "Speech:Endpoint must be an absolute URL when Speech:Provider is azure or openai."
                : null;
        return settings with { Problem = problem };
    }
}
