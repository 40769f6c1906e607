using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Marten;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Audio;

namespace Interview.Workers.Speech;

public sealed record SpokenAudio(byte[] Audio, string ContentType, string Engine, string Voice, bool Cached);

/// <summary>
/// Text to speech for the interviewer's turns: the OpenAI-compatible speech API when Speech:Provider is set, else
/// flite run as a process (Debian's flite sounds more natural than espeak-ng, and pocketsphinx understands it), encoded to MP3
/// with ffmpeg. Results are cached in PostgreSQL by a hash of (engine, voice, text).
/// </summary>
public sealed class TextToSpeech(SpeechSettings settings, IDocumentStore store, ILogger<TextToSpeech> logger, PipelineTransport? transport = null)
{
    public static readonly IReadOnlyList<string> OfflineVoices = ["slt", "awb", "rms", "kal16"];
    public static readonly IReadOnlyList<string> ApiVoices = ["alloy", "ash", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer"];

    private readonly AudioClient? client = settings.Provider switch
    {
        SpeechProvider.Azure => new AzureOpenAIClient(new Uri(settings.Endpoint!), new ApiKeyCredential(settings.ApiKey ?? ""),
            Configure(new AzureOpenAIClientOptions(), settings, transport)).GetAudioClient(settings.SpeechModel),
        SpeechProvider.OpenAi => new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "none" : settings.ApiKey),
            Configure(new OpenAIClientOptions { Endpoint = new Uri(settings.Endpoint!) }, settings, transport)).GetAudioClient(settings.SpeechModel),
        _ => null
    };

    public string Engine => client is null ? "flite" : $"{settings.ProviderName}:{settings.SpeechModel}";

    public IReadOnlyList<string> Voices => client is null ? OfflineVoices : ApiVoices;

    public string DefaultVoice => string.IsNullOrWhiteSpace(settings.DefaultVoice) ? Voices[0] : settings.DefaultVoice;

    internal static T Configure<T>(T options, SpeechSettings settings, PipelineTransport? transport) where T : ClientPipelineOptions
    {
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 1);
        options.NetworkTimeout = settings.Timeout;
        if (transport is not null) options.Transport = transport;
        return options;
    }

    public async Task<SpokenAudio> SpeakAsync(string text, string? voice, CancellationToken cancellation)
    {
        var chosen = string.IsNullOrWhiteSpace(voice) ? DefaultVoice : voice.Trim().ToLowerInvariant();
        var key = SpeechCacheEntry.KeyFor(Engine, chosen, text);
        if (await SpeechCache.FindAsync(store, key, cancellation) is { } hit)
            return new SpokenAudio(hit.Audio, hit.ContentType, hit.Engine, hit.Voice, true);

        var (audio, contentType) = client is null
            ? await SpeakOfflineAsync(text, chosen, cancellation)
            : await SpeakWithApiAsync(text, chosen, cancellation);
        await SpeechCache.StoreAsync(store, new SpeechCacheEntry
        {
            Id = key, Engine = Engine, Voice = chosen, ContentType = contentType, Audio = audio, CreatedAt = DateTimeOffset.UtcNow
        }, settings.CacheEntries, cancellation);
        return new SpokenAudio(audio, contentType, Engine, chosen, false);
    }

    private async Task<(byte[], string)> SpeakWithApiAsync(string text, string voice, CancellationToken cancellation)
    {
        try
        {
            var result = await client!.GenerateSpeechAsync(text, new GeneratedSpeechVoice(voice),
                new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Mp3 }, cancellation);
            return (result.Value.ToArray(), "audio/mpeg");
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            logger.LogWarning(e, "The speech API failed");
            throw new SpeechEngineUnavailableException($"The speech API did not answer: {e.Message}", e);
        }
    }

    private async Task<(byte[], string)> SpeakOfflineAsync(string text, string voice, CancellationToken cancellation)
    {
        var wav = Path.Combine(Path.GetTempPath(), $"interview-tts-{Guid.NewGuid():N}.wav");
        try
        {
            // The text goes in as a file, never as an argument a tool could read as an option.
            var textFile = wav + ".txt";
            await File.WriteAllTextAsync(textFile, text, cancellation);
            try
            {
                var spoken = await ExternalProcess.RunAsync("flite", ["-voice", voice, "-f", textFile, "-o", wav], settings.Timeout, cancellation);
                if (spoken.ExitCode != 0 || !File.Exists(wav))
                    throw new SpeechEngineUnavailableException($"flite failed (exit {spoken.ExitCode}): {spoken.Errors.Trim()}");
            }
            finally
            {
                File.Delete(textFile);
            }
            try
            {
                var mp3 = await ExternalProcess.RunAsync("ffmpeg",
                    ["-hide_banner", "-loglevel", "error", "-i", wav, "-c:a", "libmp3lame", "-b:a", "48k", "-f", "mp3", "pipe:1"], settings.Timeout, cancellation);
                if (mp3.ExitCode == 0 && mp3.Output.Length > 0) return (mp3.Output, "audio/mpeg");
                logger.LogWarning("ffmpeg could not encode MP3 (exit {ExitCode}): {Errors}; serving WAV", mp3.ExitCode, mp3.Errors);
            }
            catch (SpeechEngineUnavailableException e)
            {
                logger.LogWarning("{Reason}; serving WAV", e.Message);
            }
            return (await File.ReadAllBytesAsync(wav, cancellation), "audio/wav");
        }
        finally
        {
            File.Delete(wav);
        }
    }
}
