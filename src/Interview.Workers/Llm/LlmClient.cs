using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using Azure.AI.OpenAI;
using Interview.Domain.Sessions;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Interview.Workers.Llm;

public sealed record LlmRequest(string Purpose, string PromptVersion, string System, string User, float Temperature = 0.4f);

public sealed record LlmReply(LlmOutcome Outcome, string? Text, int TokensIn, int TokensOut, long LatencyMs, int Attempts, string? Error)
{
    public bool IsOk => Outcome == LlmOutcome.Ok;
}

/// <summary>
/// One chat completion through Azure.AI.OpenAI (Azure route) or the OpenAI client it builds on (any /v1 server), run
/// through a Polly pipeline: a circuit breaker around retries (exponential backoff with jitter on 429/5xx/timeouts,
/// honouring Retry-After up to the cap) around a per-attempt timeout. Every attempt is logged from Polly's callbacks and
/// counted into the reply. Never throws for an endpoint failure: the reply says what happened.
/// </summary>
public sealed class LlmClient
{
    private static readonly ResiliencePropertyKey<AttemptLog> AttemptsKey = new("interview.llm.attempts");

    private readonly ChatClient? chat;
    private readonly ILogger<LlmClient> logger;
    private readonly ResiliencePipeline pipeline;

    public LlmClient(LlmSettings settings, TimeProvider clock, ILogger<LlmClient> logger, PipelineTransport? transport = null)
    {
        Settings = settings;
        this.logger = logger;
        chat = settings.Provider switch
        {
            LlmProvider.Azure => new AzureOpenAIClient(new Uri(settings.Endpoint!), new ApiKeyCredential(settings.ApiKey ?? ""),
                    Configure(new AzureOpenAIClientOptions(), settings, transport))
                .GetChatClient(settings.Model),
            LlmProvider.OpenAi => new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "none" : settings.ApiKey),
                    Configure(new OpenAIClientOptions { Endpoint = new Uri(settings.Endpoint!) }, settings, transport))
                .GetChatClient(settings.Model),
            _ => null
        };
        pipeline = BuildPipeline(settings, clock);
    }

    public LlmSettings Settings { get; }

    public CircuitBreaker Breaker { get; } = new();

    // Retries are Polly's (they honour Retry-After and feed the breaker); the SDK's own retry policy is switched off.
    private static T Configure<T>(T options, LlmSettings settings, PipelineTransport? transport) where T : ClientPipelineOptions
    {
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        options.NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(5);
        if (transport is not null) options.Transport = transport;
        return options;
    }

    private ResiliencePipeline BuildPipeline(LlmSettings settings, TimeProvider clock)
    {
        var halfSecond = TimeSpan.FromMilliseconds(500);
        var openFor = settings.BreakerOpenDuration < halfSecond ? halfSecond : settings.BreakerOpenDuration;
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock, Name = "llm" };

        // A run of failed calls (each call = all its retries) within the open period opens the circuit. Polly's breaker
        // counts a failure ratio, so "all of at least N recent calls failed" stands for "N failures in a row".
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 1.0,
            MinimumThroughput = Math.Max(2, settings.BreakerFailureThreshold),
            SamplingDuration = openFor,
            BreakDuration = openFor,
            StateProvider = Breaker.StateProvider,
            ManualControl = Breaker.Control,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && !IsCallerCancellation(e, args.Context)),
            OnOpened = args =>
            {
                logger.LogWarning("LLM circuit opened for {Seconds} s after failed calls", args.BreakDuration.TotalSeconds);
                return default;
            },
            OnHalfOpened = _ =>
            {
                logger.LogInformation("LLM circuit half-open: letting one trial call through");
                return default;
            },
            OnClosed = _ =>
            {
                logger.LogInformation("LLM circuit closed");
                return default;
            }
        });

        if (settings.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsRetryable(e, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ClientResultException { Status: 429 } e ? RetryAfter(e) : null),
                OnRetry = args =>
                {
                    logger.LogWarning("LLM call {Purpose} attempt {Attempt} failed, retrying in {DelayMs} ms: {Error}",
                        args.Context.Properties.GetValue(AttemptsKey, AttemptLog.None).Purpose, args.AttemptNumber + 1,
                        (long)args.RetryDelay.TotalMilliseconds, Describe(args.Outcome.Exception!, settings).Error);
                    return default;
                }
            });

        var timeout = settings.Timeout < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : settings.Timeout;
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = timeout,
            OnTimeout = args =>
            {
                logger.LogWarning("LLM call attempt timed out after {Seconds} s", args.Timeout.TotalSeconds);
                return default;
            }
        });
        return builder.Build();
    }

    public async Task<LlmReply> CompleteAsync(LlmRequest request, CancellationToken cancellation)
    {
        if (chat is null) return new LlmReply(LlmOutcome.Error, null, 0, 0, 0, 0, "no LLM provider is configured");

        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = Settings.MaxTokensPerCall,
            Temperature = request.Temperature,
            ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat()
        };
        ChatMessage[] messages = [new SystemChatMessage(request.System), new UserChatMessage(request.User)];
        var attempts = new AttemptLog(request.Purpose);
        var context = ResilienceContextPool.Shared.Get(cancellation);
        context.Properties.Set(AttemptsKey, attempts);
        var watch = Stopwatch.StartNew();
        try
        {
            var completion = await pipeline.ExecuteAsync(static async (ctx, state) =>
            {
                state.attempts.Count++;
                ClientResult<ChatCompletion> result = await state.chat.CompleteChatAsync(state.messages, state.options, ctx.CancellationToken);
                return result.Value;
            }, context, (chat, messages, options, attempts));
            var text = string.Concat(completion.Content.Select(part => part.Text));
            return new LlmReply(LlmOutcome.Ok, text, completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0,
                watch.ElapsedMilliseconds, attempts.Count, null);
        }
        catch (BrokenCircuitException)
        {
            return new LlmReply(LlmOutcome.CircuitOpen, null, 0, 0, 0, 0, "circuit open: recent calls failed");
        }
        catch (Exception e) when (!IsCallerCancellation(e, cancellation))
        {
            var (outcome, error) = Describe(e, Settings);
            logger.LogWarning("LLM call {Purpose} failed after {Attempts} attempt(s): {Error}", request.Purpose, attempts.Count, error);
            return new LlmReply(outcome, null, 0, 0, watch.ElapsedMilliseconds, attempts.Count, error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsCallerCancellation(Exception e, ResilienceContext context) => IsCallerCancellation(e, context.CancellationToken);

    private static bool IsCallerCancellation(Exception e, CancellationToken cancellation) =>
        e is OperationCanceledException && cancellation.IsCancellationRequested;

    private bool IsRetryable(Exception e, ResilienceContext context) => e switch
    {
        ClientResultException { Status: 429 } rateLimited => RetryAfter(rateLimited) is not { } wait || wait <= Settings.MaxRetryAfter,
        ClientResultException failed => failed.Status is 0 or 408 or >= 500,
        TimeoutRejectedException => true,
        OperationCanceledException => !context.CancellationToken.IsCancellationRequested,
        HttpRequestException or IOException or System.Text.Json.JsonException or InvalidOperationException => true,
        _ => false
    };

    private static (LlmOutcome Outcome, string Error) Describe(Exception e, LlmSettings settings) => e switch
    {
        ClientResultException { Status: 429 } rateLimited => (LlmOutcome.RateLimited,
            $"HTTP 429 rate limited{(RetryAfter(rateLimited) is { } wait ? $", Retry-After {wait.TotalSeconds:0.#} s" : "")}"),
        ClientResultException failed => (LlmOutcome.Error, $"HTTP {failed.Status}: {Shorten(failed.Message)}"),
        TimeoutRejectedException or OperationCanceledException => (LlmOutcome.Timeout, $"no reply within {settings.Timeout.TotalSeconds:0.#} s"),
        _ => (LlmOutcome.Error, Shorten(e.Message))
    };

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

    /// <summary>What the pipeline's callbacks and the attempts themselves note about one call.</summary>
    private sealed class AttemptLog(string purpose)
    {
        public static readonly AttemptLog None = new("");
        public string Purpose { get; } = purpose;
        public int Count { get; set; }
    }
}
