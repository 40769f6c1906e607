using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.RegularExpressions;
using Azure.AI.OpenAI;
using Interview.Domain.Common;
using Interview.Domain.Delivery;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Audio;

namespace Interview.Workers.Speech;

/// <summary>What a speech engine heard in a recording. Offline says whether it came from the offline engine or a model.</summary>
public sealed record Transcription(
    string Text, string Engine, bool Offline, double? Confidence, double DurationSeconds,
    IReadOnlyList<TimedWord> Words, IReadOnlyList<Silence> Silences);

public sealed record TranscriptionOutcome(Transcription? Result, Rejection? Rejection);

/// <summary>
/// Speech to text for spoken answers. ffmpeg first converts any upload to 16 kHz mono WAV (which also proves it is audio,
/// gives its duration and finds its silences with silencedetect); then the OpenAI-compatible transcription API (Azure
/// Whisper deployment, OpenAI, a local whisper server) when Speech:Provider is set, else pocketsphinx with its US English
/// model, which gives word timings and confidences.
/// </summary>
public sealed partial class Transcriber(SpeechSettings settings, ILogger<Transcriber> logger, PipelineTransport? transport = null)
{
    private readonly AudioClient? client = settings.Provider switch
    {
        SpeechProvider.Azure => new AzureOpenAIClient(new Uri(settings.Endpoint!), new ApiKeyCredential(settings.ApiKey ?? ""),
            TextToSpeech.Configure(new AzureOpenAIClientOptions(), settings, transport)).GetAudioClient(settings.TranscriptionModel),
        SpeechProvider.OpenAi => new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "none" : settings.ApiKey),
            TextToSpeech.Configure(new OpenAIClientOptions { Endpoint = new Uri(settings.Endpoint!) }, settings, transport)).GetAudioClient(settings.TranscriptionModel),
        _ => null
    };

    public string Engine => client is null ? "pocketsphinx" : $"{settings.ProviderName}:{settings.TranscriptionModel}";

    public async Task<TranscriptionOutcome> TranscribeAsync(byte[] upload, CancellationToken cancellation)
    {
        if (upload.Length == 0) return Refused("The audio file is empty.");
        var input = Path.Combine(Path.GetTempPath(), $"interview-stt-{Guid.NewGuid():N}");
        var wav = input + ".wav";
        try
        {
            await File.WriteAllBytesAsync(input, upload, cancellation);
            // One second past the limit is enough to tell that a recording is too long, without converting all of it.
            var converted = await ExternalProcess.RunAsync("ffmpeg",
                ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", input, "-vn", "-t", (settings.MaxAudioSeconds + 1).ToString(CultureInfo.InvariantCulture),
                 "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", "-map_metadata", "-1", "-fflags", "+bitexact", "-f", "wav", wav],
                settings.Timeout, cancellation);
            if (converted.ExitCode != 0 || !File.Exists(wav))
                return Refused("The upload is not audio that can be decoded (WebM/Opus, Ogg, WAV, MP3, M4A and FLAC are accepted).");
            var duration = WavSeconds(await File.ReadAllBytesAsync(wav, cancellation));
            if (duration > settings.MaxAudioSeconds)
                return Refused($"The recording is longer than the limit of {settings.MaxAudioSeconds:0} s.");
            if (duration < settings.MinAudioSeconds)
                return Refused($"The recording is {duration:0.0} s long; at least {settings.MinAudioSeconds:0.0} s of speech is needed.");

            var silences = await SilencesAsync(wav, duration, cancellation);
            var heard = client is null
                ? await PocketsphinxAsync(wav, cancellation)
                : await ApiAsync(wav, cancellation);
            if (string.IsNullOrWhiteSpace(heard.Text))
                return Refused("No speech was recognised in the recording; speak closer to the microphone or type the answer.");
            return new TranscriptionOutcome(new Transcription(heard.Text, Engine, client is null, heard.Confidence, Math.Round(duration, 2), heard.Words, silences), null);
        }
        finally
        {
            File.Delete(input);
            File.Delete(wav);
        }
    }

    private static TranscriptionOutcome Refused(string detail) => new(null, Rejection.Invalid(detail));

    /// <summary>Seconds of 16-bit mono 16 kHz audio in a WAV file, from its data chunk.</summary>
    public static double WavSeconds(byte[] wav)
    {
        var at = 12;
        while (at + 8 <= wav.Length)
        {
            var size = BitConverter.ToInt32(wav, at + 4);
            if (wav[at] == 'd' && wav[at + 1] == 'a' && wav[at + 2] == 't' && wav[at + 3] == 'a')
                return Math.Min(size, wav.Length - at - 8) / 32_000.0;
            at += 8 + size + (size & 1);
        }
        return 0;
    }

    private async Task<IReadOnlyList<Silence>> SilencesAsync(string wav, double duration, CancellationToken cancellation)
    {
        var detected = await ExternalProcess.RunAsync("ffmpeg",
            ["-hide_banner", "-nostats", "-nostdin", "-i", wav, "-af", "silencedetect=noise=-35dB:d=0.4", "-f", "null", "-"], settings.Timeout, cancellation);
        var silences = new List<Silence>();
        double? start = null;
        foreach (Match m in SilenceLine().Matches(detected.Errors))
        {
            var at = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (m.Groups[1].Value == "start") start = Math.Max(0, at);
            else if (start is { } s)
            {
                silences.Add(new Silence(Math.Round(s, 2), Math.Round(Math.Min(at, duration), 2)));
                start = null;
            }
        }
        if (start is { } open) silences.Add(new Silence(Math.Round(open, 2), Math.Round(duration, 2)));
        return silences;
    }

    private async Task<(string Text, double? Confidence, IReadOnlyList<TimedWord> Words)> PocketsphinxAsync(string wav, CancellationToken cancellation)
    {
        var result = await ExternalProcess.RunAsync("pocketsphinx_continuous", ["-infile", wav, "-time", "yes", "-logfn", "/dev/null"],
            settings.Timeout * 4, cancellation);
        if (result.ExitCode != 0)
            throw new SpeechEngineUnavailableException($"pocketsphinx failed (exit {result.ExitCode}): {result.Errors.Trim()}");
        var words = ParsePocketsphinx(System.Text.Encoding.UTF8.GetString(result.Output));
        var confidence = words.Count == 0 ? (double?)null : Math.Round(words.Average(w => w.Confidence ?? 0), 3);
        return (string.Join(' ', words.Select(w => w.Word)), confidence, words);
    }

    /// <summary>Word lines of <c>pocketsphinx_continuous -time yes</c> ("word start end posterior"); markers, noise and alternates' "(2)" removed.</summary>
    public static IReadOnlyList<TimedWord> ParsePocketsphinx(string output)
    {
        var words = new List<TimedWord>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4
                || !double.TryParse(parts[1], CultureInfo.InvariantCulture, out var start)
                || !double.TryParse(parts[2], CultureInfo.InvariantCulture, out var end)
                || !double.TryParse(parts[3], CultureInfo.InvariantCulture, out var posterior)) continue;
            var word = AlternateSuffix().Replace(parts[0], "");
            if (word.StartsWith('<') || word.StartsWith('[') || word.StartsWith("++")) continue;
            words.Add(new TimedWord(word, start, end, Math.Round(Math.Clamp(posterior, 0, 1), 3)));
        }
        return words;
    }

    private async Task<(string Text, double? Confidence, IReadOnlyList<TimedWord> Words)> ApiAsync(string wav, CancellationToken cancellation)
    {
        try
        {
            await using var audio = File.OpenRead(wav);
            var result = await client!.TranscribeAudioAsync(audio, "answer.wav", new AudioTranscriptionOptions
            {
                ResponseFormat = AudioTranscriptionFormat.Verbose,
                TimestampGranularities = AudioTimestampGranularities.Word,
                Language = "en"
            }, cancellation);
            var words = result.Value.Words
                .Select(w => new TimedWord(w.Word.Trim(), Math.Round(w.StartTime.TotalSeconds, 2), Math.Round(w.EndTime.TotalSeconds, 2)))
                .ToArray();
            return (result.Value.Text.Trim(), null, words);
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            logger.LogWarning(e, "The transcription API failed");
            throw new SpeechEngineUnavailableException($"The transcription API did not answer: {e.Message}", e);
        }
    }

    [GeneratedRegex(@"silence_(start|end): (-?[0-9.]+)")]
    private static partial Regex SilenceLine();

    [GeneratedRegex(@"\(\d+\)$")]
    private static partial Regex AlternateSuffix();
}
