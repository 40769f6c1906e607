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
        Timeout = TimeSpan.FromSeconds(1), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10),
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

    [Fact]
    public async Task the_breaker_half_opens_after_its_open_period_and_a_good_trial_closes_it()
    {
        var clock = new ManualClock();
        var breaker = new CircuitBreaker(2, TimeSpan.FromSeconds(30), clock);
        breaker.RecordFailure();
        breaker.State.ShouldBe(CircuitState.Closed);
        breaker.RecordFailure();
        breaker.State.ShouldBe(CircuitState.Open);
        breaker.TryAcquire().ShouldBeFalse();

        clock.Advance(TimeSpan.FromSeconds(31));
        breaker.State.ShouldBe(CircuitState.HalfOpen);
        breaker.TryAcquire().ShouldBeTrue();
        breaker.TryAcquire().ShouldBeFalse();
        breaker.RecordSuccess();
        breaker.State.ShouldBe(CircuitState.Closed);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => now;
        public void Advance(TimeSpan by) => now += by;
    }
}
