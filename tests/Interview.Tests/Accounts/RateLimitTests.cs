using Alba;
using Interview.Tests.Hosting;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Accounts;

/// <summary>
/// The shared host with two limits made small for this test only (limits are read from configuration per request);
/// a host of its own would swap Hangfire's process-wide job storage under the other tests.
/// </summary>
public sealed class RateLimitTests(AppFixture fixture) : ApiTest(fixture)
{
    private const int LoginLimit = 4;
    private const int InterviewLimit = 2;

    [Fact]
    public async Task costly_routes_are_limited_per_user_and_logins_per_address_with_429_and_retry_after()
    {
        var first = await Host.SignedUp();
        var second = await Host.SignedUp();
        var configuration = Host.Services.GetRequiredService<IConfiguration>();
        try
        {
            configuration["RateLimits:Login:PermitLimit"] = LoginLimit.ToString();
            configuration["RateLimits:Login:WindowSeconds"] = "601";
            configuration["RateLimits:Interviews:PermitLimit"] = InterviewLimit.ToString();
            configuration["RateLimits:Interviews:WindowSeconds"] = "601";

            for (var i = 0; i < InterviewLimit; i++) await Host.CreatedInterview(first);
            var events = await EventCount();
            var refused = await Host.As(first, s =>
            {
                s.Post.Json(Scenarios.DefaultInterview()).ToUrl("/api/v1/interviews");
                s.StatusCodeShouldBe(429);
            });
            await ShouldBeTooManyRequests(refused);
            (await EventCount()).ShouldBe(events);
            await Host.CreatedInterview(second);

            for (var i = 0; i < LoginLimit; i++) await Login(first.Email, 200);
            await ShouldBeTooManyRequests(await Login(first.Email, 429));
        }
        finally
        {
            foreach (var (key, value) in TestSettings.RaisedRateLimits) configuration[key] = value;
            configuration["RateLimits:Login:WindowSeconds"] = "60";
            configuration["RateLimits:Interviews:WindowSeconds"] = "60";
        }
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
        retryAfter.ShouldBeInRange(1, 601);
        var problem = await result.ProblemOf();
        problem.GetProperty("status").GetInt32().ShouldBe(429);
        problem.GetProperty("title").GetString().ShouldBe("Too Many Requests");
    }

    private async Task<int> EventCount()
    {
        await using var session = Fixture.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
