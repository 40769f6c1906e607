using Hangfire;
using Hangfire.Storage;
using Interview.Api.Idempotency;
using Interview.Tests.Hosting;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Idempotency;

public sealed class IdempotencyExpiryTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task records_older_than_the_window_are_deleted_and_newer_ones_kept()
    {
        var user = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        IdempotencyRecord Record(string key, TimeSpan age) => new()
        {
            Id = IdempotencyRecord.IdFor(user, key), UserId = user, Key = key, Method = "POST", Path = "/api/v1/interviews", Status = 201, At = now - age
        };
        await using (var session = Fixture.Store.LightweightSession())
        {
            session.Store(Record("old", TimeSpan.FromHours(30)), Record("recent", TimeSpan.FromHours(2)));
            await session.SaveChangesAsync();
        }

        var expired = await Host.Services.GetRequiredService<ExpireIdempotencyRecords>().Run(TimeSpan.FromHours(24), CancellationToken.None);

        expired.ShouldBeGreaterThanOrEqualTo(1);
        await using var query = Fixture.Store.QuerySession();
        (await query.LoadAsync<IdempotencyRecord>(IdempotencyRecord.IdFor(user, "old"))).ShouldBeNull();
        (await query.LoadAsync<IdempotencyRecord>(IdempotencyRecord.IdFor(user, "recent"))).ShouldNotBeNull();
    }

    [Fact]
    public void the_expiry_runs_hourly_in_hangfire()
    {
        using var connection = Host.Services.GetRequiredService<JobStorage>().GetConnection();
        connection.GetRecurringJobs().ShouldContain(job => job.Id == ExpireIdempotencyRecords.RecurringJobId && job.Cron == Cron.Hourly(17));
    }
}
