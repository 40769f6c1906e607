using Hangfire;
using Hangfire.Storage;
using Interview.Domain.Sessions;
using Interview.Tests.Hosting;
using Interview.Workers.Reports;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Sessions;

public sealed class HousekeepingTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task interviews_left_idle_are_abandoned_and_refuse_answers_while_finished_ones_are_left_alone()
    {
        var candidate = await Host.SignedUp();
        var (idle, _) = await Host.StartedInterview(candidate);
        var (finished, _) = await Host.StartedInterview(candidate);
        await Host.Posted(candidate, $"/api/v1/interviews/{finished}/finalize", 202);
        var housekeeping = Host.Services.GetRequiredService<Housekeeping>();

        (await housekeeping.AbandonIdleInterviews(TimeSpan.FromDays(7), CancellationToken.None)).ShouldBe(0);
        (await housekeeping.AbandonIdleInterviews(TimeSpan.Zero, CancellationToken.None)).ShouldBe(1);

        (await Host.Interview(candidate, idle, 0)).Status.ShouldBe(InterviewStatus.Abandoned);
        (await Host.Interview(candidate, finished, 0)).Status.ShouldNotBe(InterviewStatus.Abandoned);
        await Host.Answered(candidate, idle, "Too late.", status: 409);
    }

    [Fact]
    public void the_daily_housekeeping_job_is_scheduled_in_hangfire()
    {
        using var connection = Host.Services.GetRequiredService<JobStorage>().GetConnection();
        connection.GetRecurringJobs().ShouldContain(job => job.Id == Housekeeping.RecurringJobId && job.Cron == Cron.Daily(3));
    }
}
