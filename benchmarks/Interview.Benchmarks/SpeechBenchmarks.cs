using System.Diagnostics;
using System.Net.Http.Json;
using Alba;
using Interview.Workers.Speech;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Benchmarks;

/// <summary>
/// Offline speech on this machine: POST /tts latency for a 40-word interviewer turn (flite + MP3 encoding, cache misses and
/// hits), and the real-time factor of offline transcription (ffmpeg conversion and silence detection + pocketsphinx) on
/// answers of about 8 to 50 seconds spoken by flite.
/// </summary>
public static class SpeechBenchmarks
{
    private const string Turn =
        "Thanks for walking me through that. Now tell me about a time you disagreed with a teammate about a technical decision: " +
        "what the disagreement was, how you resolved it, and what you would do differently if it happened again next {0}.";

    public static async Task RunAsync(IAlbaHost host, int turns)
    {
        var client = new ApiClient(host);
        var token = await client.SignedUpAsync($"bench-{Guid.NewGuid():N}@interview.test");
        var misses = new List<double>();
        var hits = new List<double>();
        for (var i = 0; i < turns; i++)
        {
            var text = string.Format(Turn, $"week number {i}");
            misses.Add(await Speak(host, token, text, "miss"));
            hits.Add(await Speak(host, token, text, "hit"));
        }
        Console.WriteLine($"speech: POST /tts, {turns} distinct 40-word turns (flite slt -> MP3), then each again from the cache");
        Console.WriteLine($"  miss p50 {P(misses, 0.5):0} ms   p95 {P(misses, 0.95):0} ms   hit p50 {P(hits, 0.5):0} ms   p95 {P(hits, 0.95):0} ms");

        var transcriber = host.Services.GetRequiredService<Transcriber>();
        var folder = Directory.CreateTempSubdirectory("interview-bench-speech-").FullName;
        var sentence = "I would start by measuring the latency of the slowest endpoint, then add an index on the orders table and cache the results for five minutes. ";
        foreach (var repeats in new[] { 1, 2, 4, 6 })
        {
            var wav = Path.Combine(folder, $"{repeats}.wav");
            using (var flite = Process.Start(new ProcessStartInfo("flite") { ArgumentList = { "-voice", "slt", "-t", string.Concat(Enumerable.Repeat(sentence, repeats)), "-o", wav } })!)
                await flite.WaitForExitAsync();
            var audio = await File.ReadAllBytesAsync(wav);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var outcome = await transcriber.TranscribeAsync(audio, CancellationToken.None);
            watch.Stop();
            var seconds = outcome.Result?.DurationSeconds ?? 0;
            Console.WriteLine($"  transcription of {seconds:0.0} s of audio: {watch.Elapsed.TotalSeconds:0.00} s wall, real-time factor {watch.Elapsed.TotalSeconds / seconds:0.00}" +
                              $" ({outcome.Result?.Words.Count ?? 0} words heard; child processes' CPU not in this process's {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms)");
        }
    }

    private static async Task<double> Speak(IAlbaHost host, string token, string text, string expected)
    {
        var watch = Stopwatch.StartNew();
        var result = await host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Post.Json(new { text }).ToUrl("/api/v1/tts");
            s.StatusCodeShouldBe(200);
        });
        watch.Stop();
        var cache = result.Context.Response.Headers["X-Speech-Cache"].ToString();
        if (cache != expected) throw new InvalidOperationException($"expected a cache {expected}, got {cache}");
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double P(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
