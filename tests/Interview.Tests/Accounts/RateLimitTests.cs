using Alba;
using Interview.Tests.Hosting;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Wolverine;

namespace Interview.Tests.Accounts;

/// <summary>A host of its own (own database) with small limits, so that the shared hosts can keep theirs raised.</summary>
public sealed class RateLimitedAppFixture : IAsyncLifetime
{
    public const int LoginLimit = 4;
    public const int InterviewLimit = 2;

    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var connection = await LlmAppFixture.EnsureDatabaseAsync("interview_limits");
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Interview"] = connection,
                ["Auth:ExposeVerificationToken"] = "true",
                ["Interview:DataDirectory"] = Path.Combine(Path.GetTempPath(), "interview-tests-data"),
                ["RateLimits:Login:PermitLimit"] = LoginLimit.ToString(),
                ["RateLimits:Login:WindowSeconds"] = "600",
                ["RateLimits:Interviews:PermitLimit"] = InterviewLimit.ToString(),
                ["RateLimits:Interviews:WindowSeconds"] = "600"
            }));
            builder.ConfigureServices(services => services.RunWolverineInSoloMode());
        });
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>In the shared collection so that its host is never built alongside another (Hangfire's filters are process-wide).</summary>
[Collection(ApiCollection.Name)]
public sealed class RateLimitTests(RateLimitedAppFixture fixture) : IClassFixture<RateLimitedAppFixture>
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task costly_routes_are_limited_per_user_and_logins_per_address_with_429_and_retry_after()
    {
        await Host.ResetAllMartenDataAsync();
        var first = await Host.SignedUp();
        var second = await Host.SignedUp();

        for (var i = 0; i < RateLimitedAppFixture.InterviewLimit; i++) await Host.CreatedInterview(first);
        var events = await EventCount();
        var refused = await Host.As(first, s =>
        {
            s.Post.Json(Scenarios.DefaultInterview()).ToUrl("/api/v1/interviews");
            s.StatusCodeShouldBe(429);
        });
        await ShouldBeTooManyRequests(refused);
        (await EventCount()).ShouldBe(events);
        await Host.CreatedInterview(second);

        // The two signups above used two of this address's logins.
        for (var i = 2; i < RateLimitedAppFixture.LoginLimit; i++) await Login(first.Email, 200);
        await ShouldBeTooManyRequests(await Login(first.Email, 429));
    }

    private async Task<IScenarioResult> Login(string email, int status) =>
        await Host.Scenario(s =>
        {
            s.Post.Json(new { email, password = "correct horse battery" }).ToUrl("/api/v1/auth/login");
            s.StatusCodeShouldBe(status);
        });

    private static async Task ShouldBeTooManyRequests(IScenarioResult result)
    {
        var retryAfter = int.Parse(result.Context.Response.Headers.RetryAfter.ToString());
        retryAfter.ShouldBeInRange(1, 600);
        var problem = await result.ProblemOf();
        problem.GetProperty("status").GetInt32().ShouldBe(429);
        problem.GetProperty("title").GetString().ShouldBe("Too many requests");
    }

    private async Task<int> EventCount()
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
