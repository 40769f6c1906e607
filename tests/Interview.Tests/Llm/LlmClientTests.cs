using System.ClientModel.Primitives;
using Interview.Domain.Sessions;
using Interview.Tests.Hosting;
using Interview.Workers.Llm;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace Interview.Tests.Llm;

/// <summary>The real Azure.AI.OpenAI / OpenAI client against the fake server, without a host.</summary>
public sealed class LlmClientTests : IAsyncLifetime
{
    private FakeLlmServer server = null!;

    public async ValueTask InitializeAsync() => server = await FakeLlmServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private LlmClient Client(LlmProvider provider, string endpoint) => new(new LlmSettings
    {
        Provider = provider, Endpoint = endpoint, ApiKey = "secret", Model = "fake-deploy",
        Timeout = TimeSpan.FromSeconds(10), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        BreakerFailureThreshold = 2, BreakerOpenDuration = TimeSpan.FromMinutes(1)
    }, TimeProvider.System, NullLogger<LlmClient>.Instance);

    private static LlmRequest Request => new("greeting", "interviewer-v1", "Reply with JSON: {\"greeting\": string, \"warmUp\": string}", "Role: tester");

    [Fact]
    public async Task the_azure_route_sends_the_deployment_path_and_api_key()
    {
        var reply = await Client(LlmProvider.Azure, server.BaseUrl).CompleteAsync(Request, CancellationToken.None);

        reply.Outcome.ShouldBe(LlmOutcome.Ok);
        reply.Text!.ShouldContain("greeting");
        var request = server.Requests.Single();
        request.Path.ShouldBe("/openai/deployments/fake-deploy/chat/completions");
        request.ApiKey.ShouldBe("secret");
    }

    [Fact]
    public async Task the_v1_route_sends_a_bearer_token_and_the_model()
    {
        var reply = await Client(LlmProvider.OpenAi, server.BaseUrl + "/v1").CompleteAsync(Request, CancellationToken.None);

        reply.Outcome.ShouldBe(LlmOutcome.Ok);
        (reply.TokensIn, reply.TokensOut).ShouldBe((120, 40));
        var request = server.Requests.Single();
        request.Path.ShouldBe("/v1/chat/completions");
        request.Authorization.ShouldBe("Bearer secret");
        request.Body["model"]!.GetValue<string>().ShouldBe("fake-deploy");
        request.Body["response_format"]!["type"]!.GetValue<string>().ShouldBe("json_object");
    }

    [Fact]
    public async Task a_429_whose_retry_after_is_too_long_is_not_waited_for()
    {
        server.Script(new FakeReply(429, RetryAfter: "120"));

        var reply = await Client(LlmProvider.OpenAi, server.BaseUrl + "/v1").CompleteAsync(Request, CancellationToken.None);

        reply.Outcome.ShouldBe(LlmOutcome.RateLimited);
        reply.Attempts.ShouldBe(1);
        reply.Error!.ShouldContain("Retry-After 120");
    }

    private LlmClient BreakerClient(TimeProvider clock, PipelineTransport? transport = null) => new(new LlmSettings
    {
        Provider = LlmProvider.OpenAi, Endpoint = server.BaseUrl + "/v1", ApiKey = "secret", Model = "fake-deploy",
        Timeout = TimeSpan.FromSeconds(10), MaxRetries = 0, BreakerFailureThreshold = 2, BreakerOpenDuration = TimeSpan.FromSeconds(30)
    }, clock, NullLogger<LlmClient>.Instance, transport);

    [Fact]
    public async Task the_breaker_opens_after_failed_calls_half_opens_after_its_open_period_and_a_good_trial_closes_it()
    {
        var clock = new ManualClock();
        var client = BreakerClient(clock);
        server.Script(new FakeReply(500), new FakeReply(500));

        (await client.CompleteAsync(Request, CancellationToken.None)).Outcome.ShouldBe(LlmOutcome.Error);
        client.Breaker.State.ShouldBe(CircuitState.Closed);
        (await client.CompleteAsync(Request, CancellationToken.None)).Outcome.ShouldBe(LlmOutcome.Error);
        client.Breaker.State.ShouldBe(CircuitState.Open);
        (await client.CompleteAsync(Request, CancellationToken.None)).Outcome.ShouldBe(LlmOutcome.CircuitOpen);
        server.Requests.Count.ShouldBe(2);

        clock.Advance(TimeSpan.FromSeconds(31));
        (await client.CompleteAsync(Request, CancellationToken.None)).Outcome.ShouldBe(LlmOutcome.Ok);
        client.Breaker.State.ShouldBe(CircuitState.Closed);
    }

    [Fact]
    public async Task a_half_open_trial_that_the_caller_cancels_does_not_leave_the_circuit_open_for_good()
    {
        var clock = new ManualClock();
        var client = BreakerClient(clock);
        server.Script(new FakeReply(500), new FakeReply(500));
        await client.CompleteAsync(Request, CancellationToken.None);
        await client.CompleteAsync(Request, CancellationToken.None);
        client.Breaker.State.ShouldBe(CircuitState.Open);

        clock.Advance(TimeSpan.FromSeconds(31));
        server.Default = _ => new FakeReply(200, "{}", Delay: TimeSpan.FromSeconds(30));
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Should.ThrowAsync<OperationCanceledException>(() => client.CompleteAsync(Request, cancelled.Token));
        server.Default = FakeLlmServer.DefaultReply;

        (await client.CompleteAsync(Request, CancellationToken.None)).Outcome.ShouldBe(LlmOutcome.Ok);
        client.Breaker.State.ShouldBe(CircuitState.Closed);
    }

    [Fact]
    public async Task a_half_open_trial_ending_in_an_unexpected_exception_is_a_failed_call_and_a_later_trial_recovers()
    {
        var clock = new ManualClock();
        var transport = new ThrowingTransport();
        var client = BreakerClient(clock, transport);
        transport.Throw = new NotSupportedException("unexpected (test fault)");
        (await client.CompleteAsync(Request, CancellationToken.None)).Error!.ShouldContain("unexpected");
        (await client.CompleteAsync(Request, CancellationToken.None)).Outcome.ShouldBe(LlmOutcome.Error);
        client.Breaker.State.ShouldBe(CircuitState.Open);

        clock.Advance(TimeSpan.FromSeconds(31));
        var trial = await client.CompleteAsync(Request, CancellationToken.None);
        trial.ShouldSatisfyAllConditions(() => trial.Outcome.ShouldBe(LlmOutcome.Error), () => trial.Attempts.ShouldBe(1));
        client.Breaker.State.ShouldBe(CircuitState.Open);

        transport.Throw = null;
        clock.Advance(TimeSpan.FromSeconds(31));
        (await client.CompleteAsync(Request, CancellationToken.None)).Outcome.ShouldBe(LlmOutcome.Ok);
        client.Breaker.State.ShouldBe(CircuitState.Closed);
    }

    /// <summary>The SDK's HTTP transport, made to throw an exception type the client has no rule for.</summary>
    private sealed class ThrowingTransport : PipelineTransport
    {
        private readonly HttpClientPipelineTransport inner = new();
        public Exception? Throw { get; set; }
        protected override PipelineMessage CreateMessageCore() => inner.CreateMessage();
        protected override void ProcessCore(PipelineMessage message) => ProcessCoreAsync(message).AsTask().GetAwaiter().GetResult();
        protected override async ValueTask ProcessCoreAsync(PipelineMessage message)
        {
            if (Throw is not null) throw Throw;
            await inner.ProcessAsync(message);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => now;
        public void Advance(TimeSpan by) => now += by;
    }
}
