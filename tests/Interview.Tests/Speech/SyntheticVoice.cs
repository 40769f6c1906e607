using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Interview.Tests.Speech;

/// <summary>Known answers spoken by flite (the slt voice) into 16 kHz WAV files, and other test audio made with ffmpeg.</summary>
public static class SyntheticVoice
{
    private static readonly ConcurrentDictionary<string, byte[]> Spoken = new();
    private static readonly string Folder = Directory.CreateTempSubdirectory("interview-voice-").FullName;

    public static byte[] Wav(string text) => Spoken.GetOrAdd(text, t =>
    {
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.wav");
        Run("flite", "-voice", "slt", "-t", t, "-o", path);
        return File.ReadAllBytes(path);
    });

    /// <summary>A tone of <paramref name="seconds"/> (speechless audio) or, with <paramref name="silent"/>, pure silence.</summary>
    public static byte[] Tone(double seconds, bool silent = false)
    {
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.wav");
        Run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
            silent ? $"anullsrc=r=8000:cl=mono" : $"sine=frequency=440:sample_rate=8000", "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:a", "pcm_s16le", path);
        return File.ReadAllBytes(path);
    }

    public static string SaveWav(string text)
    {
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, Wav(text));
        return path;
    }

    public static MultipartFormDataContent Form(byte[] audio, string contentType = "audio/wav", string? idempotencyKey = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "audio", "answer.wav");
        if (idempotencyKey is not null) form.Add(new StringContent(idempotencyKey), "idempotencyKey");
        return form;
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {errors.Result}");
    }

    /// <summary>Word error rate: word-level edit distance (substitutions, insertions, deletions) over the reference's words.</summary>
    public static (int Errors, int Words) WordErrors(string reference, string hypothesis)
    {
        var r = Interview.Domain.Delivery.DeliveryAnalysis.Tokens(reference);
        var h = Interview.Domain.Delivery.DeliveryAnalysis.Tokens(hypothesis);
        var d = new int[r.Count + 1, h.Count + 1];
        for (var i = 0; i <= r.Count; i++) d[i, 0] = i;
        for (var j = 0; j <= h.Count; j++) d[0, j] = j;
        for (var i = 1; i <= r.Count; i++)
            for (var j = 1; j <= h.Count; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1));
        return (d[r.Count, h.Count], r.Count);
    }
}
