using Hangfire;
using Hangfire.Storage;
using Interview.Api.Privacy;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Interview.Tests.Hosting;
using Interview.Workers.Reports;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Privacy;

public sealed class RetentionTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task an_abandoned_interview_loses_its_content_after_the_retention_period_and_the_deletion_is_recorded()
    {
        var candidate = await Host.SignedUp();
        var (abandoned, _) = await Host.StartedInterview(candidate);
        await Host.Answered(candidate, abandoned, "Retained-Quokka answer about my time at Wobblecorp.");
        var (kept, _) = await Host.StartedInterview(candidate);
        await Host.Posted(candidate, $"/api/v1/interviews/{kept}/finalize", 202);
        (await Host.Services.GetRequiredService<Housekeeping>().AbandonIdleInterviews(TimeSpan.Zero, CancellationToken.None)).ShouldBe(1);
        var job = Host.Services.GetRequiredService<RetentionJob>();

        (await job.Run(DateTimeOffset.UtcNow.AddDays(29), CancellationToken.None))["abandoned-interviews"].ShouldBe(0);
        (await job.Run(DateTimeOffset.UtcNow.AddDays(31), CancellationToken.None))["abandoned-interviews"].ShouldBe(1);
        (await job.Run(DateTimeOffset.UtcNow.AddDays(32), CancellationToken.None))["abandoned-interviews"].ShouldBe(0, "already erased");

        await Host.As(candidate, s => { s.Get.Url($"/api/v1/interviews/{abandoned}"); s.StatusCodeShouldBe(404); });
        (await Host.Interview(candidate, kept, 0)).Status.ShouldBeOneOf(InterviewStatus.Finalized, InterviewStatus.Reported);
        await using var session = Fixture.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(abandoned);
        events[^1].Data.ShouldBe(new InterviewDataErased(abandoned, candidate.Id, ErasureReason.Retention, ((InterviewDataErased)events[^1].Data).ErasedAt));
        events.Select(e => e.Data).OfType<AnswerSubmitted>().ShouldAllBe(a => a.Text == "");
        (await session.LoadAsync<InterviewView>(kept)).ShouldNotBeNull();
    }

    [Fact]
    public async Task an_event_appended_to_an_erased_interview_by_late_work_is_masked_by_the_next_run()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.Services.GetRequiredService<InterviewData>().EraseInterviewsAsync([(id, candidate.Id)], ErasureReason.Erasure, CancellationToken.None);
        await using (var late = Fixture.Store.LightweightSession())
        {
            late.Events.Append(id, new AnswerSubmitted(id, 9, PromptKind.Question, "q", "Late-Pangolin text written after the erasure", null, DateTimeOffset.UtcNow));
            await late.SaveChangesAsync();
        }
        var job = Host.Services.GetRequiredService<RetentionJob>();

        (await job.Run(DateTimeOffset.UtcNow, CancellationToken.None))["late-events-on-erased-streams"].ShouldBe(1);
        (await job.Run(DateTimeOffset.UtcNow, CancellationToken.None))["late-events-on-erased-streams"].ShouldBe(0, "masked events are not masked again");
        await using var session = Fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<AnswerSubmitted>().ShouldAllBe(a => a.Text == "");
        (await session.LoadAsync<InterviewView>(id)).ShouldBeNull();
    }

    [Fact]
    public void the_daily_retention_job_is_scheduled_in_hangfire()
    {
        using var connection = Host.Services.GetRequiredService<JobStorage>().GetConnection();
        connection.GetRecurringJobs().ShouldContain(job => job.Id == RetentionJob.RecurringJobId && job.Cron == Cron.Daily(4));
    }
}
