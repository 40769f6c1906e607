using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using Azure.AI.OpenAI;
using Interview.Domain.Sessions;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace Interview.Workers.Llm;

public sealed record LlmRequest(string Purpose, string PromptVersion, string System, string User, float Temperature = 0.4f);

public sealed record LlmReply(LlmOutcome Outcome, string? Text, int TokensIn, int TokensOut, long LatencyMs, int Attempts, string? Error)
{
    public bool IsOk => Outcome == LlmOutcome.Ok;
}

/// <summary>
/// One chat completion through Azure.AI.OpenAI (Azure route) or the OpenAI client it builds on (any /v1 server),
/// with a per-call timeout, retries with exponential backoff and jitter on 429/5xx/timeouts honouring Retry-After,
/// and a circuit breaker. Never throws for an endpoint failure: the reply says what happened.
/// </summary>
public sealed class LlmClient
{
    private readonly ChatClient? chat;
    private readonly ILogger<LlmClient> logger;

    public LlmClient(LlmSettings settings, TimeProvider clock, ILogger<LlmClient> logger)
    {
        Settings = settings;
        this.logger = logger;
        Breaker = new CircuitBreaker(settings.BreakerFailureThreshold, settings.BreakerOpenDuration, clock);
        chat = settings.Provider switch
        {
            LlmProvider.Azure => new AzureOpenAIClient(new Uri(settings.Endpoint!), new ApiKeyCredential(settings.ApiKey ?? ""),
                    Configure(new AzureOpenAIClientOptions(), settings))
                .GetChatClient(settings.Model),
            LlmProvider.OpenAi => new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "none" : settings.ApiKey),
                    Configure(new OpenAIClientOptions { Endpoint = new Uri(settings.Endpoint!) }, settings))
                .GetChatClient(settings.Model),
            _ => null
        };
    }

    public LlmSettings Settings { get; }

    public CircuitBreaker Breaker { get; }

    // Retries are ours (they honour Retry-After and feed the breaker); the SDK's own retry policy is switched off.
    private static T Configure<T>(T options, LlmSettings settings) where T : ClientPipelineOptions
    {
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        options.NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(5);
        return options;
    }

    public async Task<LlmReply> CompleteAsync(LlmRequest request, CancellationToken cancellation)
    {
        if (chat is null) return new LlmReply(LlmOutcome.Error, null, 0, 0, 0, 0, "no LLM provider is configured");
        if (!Breaker.TryAcquire()) return new LlmReply(LlmOutcome.CircuitOpen, null, 0, 0, 0, 0, "circuit open: recent calls failed");

        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = Settings.MaxTokensPerCall,
            Temperature = request.Temperature,
            ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat()
        };
        ChatMessage[] messages = [new SystemChatMessage(request.System), new UserChatMessage(request.User)];
        var watch = Stopwatch.StartNew();
        LlmReply failure = null!;
        for (var attempt = 1; attempt <= Settings.MaxRetries + 1; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(Settings.Timeout);
            TimeSpan? retryAfter = null;
            bool retryable;
            try
            {
                ClientResult<ChatCompletion> result = await chat.CompleteChatAsync(messages, options, timeout.Token);
                var completion = result.Value;
                Breaker.RecordSuccess();
                var text = string.Concat(completion.Content.Select(part => part.Text));
                return new LlmReply(LlmOutcome.Ok, text, completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0,
                    watch.ElapsedMilliseconds, attempt, null);
            }
            catch (ClientResultException e) when (e.Status == 429)
            {
                retryAfter = RetryAfter(e);
                retryable = retryAfter is null || retryAfter <= Settings.MaxRetryAfter;
                failure = new LlmReply(LlmOutcome.RateLimited, null, 0, 0, watch.ElapsedMilliseconds, attempt, $"HTTP 429 rate limited{(retryAfter is null ? "" : $", Retry-After {retryAfter.Value.TotalSeconds:0.#} s")}");
            }
            catch (ClientResultException e)
            {
                retryable = e.Status is 0 or 408 or >= 500;
                failure = new LlmReply(LlmOutcome.Error, null, 0, 0, watch.ElapsedMilliseconds, attempt, $"HTTP {e.Status}: {Shorten(e.Message)}");
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                retryable = true;
                failure = new LlmReply(LlmOutcome.Timeout, null, 0, 0, watch.ElapsedMilliseconds, attempt, $"no reply within {Settings.Timeout.TotalSeconds:0.#} s");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException or InvalidOperationException)
            {
                retryable = true;
                failure = new LlmReply(LlmOutcome.Error, null, 0, 0, watch.ElapsedMilliseconds, attempt, Shorten(e.Message));
            }

            logger.LogWarning("LLM call {Purpose} attempt {Attempt} failed: {Error}", request.Purpose, attempt, failure.Error);
            if (!retryable || attempt > Settings.MaxRetries) break;
            await Task.Delay(retryAfter ?? Backoff(attempt), cancellation);
        }

        Breaker.RecordFailure();
        return failure with { LatencyMs = watch.ElapsedMilliseconds };
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = Settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(exponential * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    private static TimeSpan? RetryAfter(ClientResultException e)
    {
        var response = e.GetRawResponse();
        if (response is null) return null;
        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            return TimeSpan.FromMilliseconds(milliseconds);
        if (!response.Headers.TryGetValue("Retry-After", out var value) || value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at - DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }

    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + "...";
}
