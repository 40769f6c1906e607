using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Interview.Tests.Hosting;

public sealed record FakeReply(int Status, string? Content = null, TimeSpan Delay = default, string? RetryAfter = null, int TokensIn = 120, int TokensOut = 40)
{
    public static FakeReply Json(object value) => new(200, JsonSerializer.Serialize(value));
    public static FakeReply Text(string content) => new(200, content);
}

public sealed record RecordedRequest(string Path, string? ApiKey, string? Authorization, JsonObject Body, DateTimeOffset At)
{
    public string System => Body["messages"]![0]!["content"]!.GetValue<string>();
    public string User => Body["messages"]![1]!["content"]!.GetValue<string>();
}

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 that a test scripts reply by reply: both the Azure route
/// (/openai/deployments/{deployment}/chat/completions) and the /v1 route. Unscripted calls get a valid reply for their purpose.
/// </summary>
public sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<FakeReply> script = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private FakeLlmServer(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    public Func<RecordedRequest, FakeReply> Default { get; set; } = DefaultReply;

    public static async Task<FakeLlmServer> StartAsync()
    {
        var builder = TestWebApps.OnAFreePort();
        var server = new FakeLlmServer(builder.Build());
        server.app.MapPost("/openai/deployments/{deployment}/chat/completions", server.Handle);
        server.app.MapPost("/v1/chat/completions", server.Handle);
        server.app.MapPost("/v1/audio/speech", server.Speech);
        server.app.MapPost("/v1/audio/transcriptions", server.Transcription);
        await server.app.StartAsync();
        server.BaseUrl = server.app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>The bytes /v1/audio/speech answers with (an MP3 frame header, then the text it was asked to speak).</summary>
    public static byte[] SpeechBytes(string text) => [0xFF, 0xFB, 0x90, 0x64, .. System.Text.Encoding.UTF8.GetBytes(text)];

    public int SpeechRequests;

    public int TranscriptionRequests;

    private async Task Speech(HttpContext context)
    {
        Interlocked.Increment(ref SpeechRequests);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        context.Response.ContentType = "audio/mpeg";
        await context.Response.Body.WriteAsync(SpeechBytes($"{body["voice"]}|{body["input"]}"));
    }

    private async Task Transcription(HttpContext context)
    {
        Interlocked.Increment(ref TranscriptionRequests);
        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        await context.Response.WriteAsJsonAsync(new
        {
            task = "transcribe",
            language = "english",
            duration = 2.5,
            text = $" Heard {file?.Length ?? 0} bytes with {form["model"]}.",
            words = new[]
            {
                new { word = "Heard", start = 0.1, end = 0.4 },
                new { word = "bytes", start = 0.5, end = 0.9 }
            }
        });
    }

    public void Script(params FakeReply[] replies)
    {
        foreach (var reply in replies) script.Enqueue(reply);
    }

    public void Reset()
    {
        script.Clear();
        requests.Clear();
        Default = DefaultReply;
    }

    private async Task Handle(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var request = new RecordedRequest(context.Request.Path, context.Request.Headers["api-key"].FirstOrDefault(),
            context.Request.Headers.Authorization.FirstOrDefault(), body, DateTimeOffset.UtcNow);
        requests.Enqueue(request);
        var reply = script.TryDequeue(out var scripted) ? scripted : Default(request);

        if (reply.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(reply.Delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfter is not null) context.Response.Headers.RetryAfter = reply.RetryAfter;
        if (reply.Status != 200)
        {
            await context.Response.WriteAsJsonAsync(new { error = new { message = $"scripted {reply.Status}", type = "server_error" } });
            return;
        }
        await context.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = 1_763_800_000,
            model = body["model"]?.GetValue<string>() ?? "fake",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = reply.TokensIn, completion_tokens = reply.TokensOut, total_tokens = reply.TokensIn + reply.TokensOut }
        });
    }

    /// <summary>A valid scoring reply: every rubric criterion named in the prompt, at <paramref name="score"/>, quoting the answer's first words.</summary>
    public static FakeReply ScoreReply(RecordedRequest request, int score = 4, string? evidence = null, object? extra = null)
    {
        var names = System.Text.RegularExpressions.Regex.Matches(request.User, @"^- ([a-z_]+) \(", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToArray();
        var answer = JsonSerializer.Deserialize<string>(request.User[(request.User.IndexOf("<candidate_answer>") + 18)..request.User.IndexOf("</candidate_answer>")])!;
        var quote = evidence ?? string.Join(' ', answer.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6));
        return FakeReply.Json(new { criteria = names.Select(n => new { name = n, score, evidence = quote }).ToArray(), overallScore = 100, extra });
    }

    public static FakeReply DefaultReply(RecordedRequest request) =>
        request.System.Contains("assessor") ? ScoreReply(request)
        : request.System.Contains("\"greeting\"") ? FakeReply.Json(new { greeting = "Hello from the model. Let's begin.", warmUp = "Model warm-up: what are you working on?" })
        : request.System.Contains("needsFollowUp") ? FakeReply.Json(new { needsFollowUp = false, followUp = (string?)null, reason = "the answer is sufficient" })
        : FakeReply.Json(new
        {
            question = "Model question: how would you design error handling in a Rust web service?",
            keyPoints = new[] { "Result and the question mark operator", "custom error types", "map errors to HTTP status codes", "log with context" },
            followUpHints = new[] { "When would you panic?", "How do you add context to errors?" },
            tags = new[] { "error-handling" }
        });

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
