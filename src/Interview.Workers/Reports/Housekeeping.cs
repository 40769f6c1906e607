using Hangfire;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Interview.Workers.Reports;

/// <summary>Scheduled housekeeping run by Hangfire: interviews left untouched for days are marked abandoned.</summary>
public sealed class Housekeeping(IDocumentStore store, IConfiguration configuration, TimeProvider clock, ILogger<Housekeeping> logger)
{
    public const string RecurringJobId = "abandon-idle-interviews";

    public TimeSpan AbandonAfter => TimeSpan.FromDays(configuration.GetValue("Housekeeping:AbandonAfterDays", 7.0));

    [AutomaticRetry(Attempts = 2)]
    public async Task<int> AbandonIdleInterviews(CancellationToken cancellation) => await AbandonIdleInterviews(AbandonAfter, cancellation);

    public async Task<int> AbandonIdleInterviews(TimeSpan limit, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - limit;
        IReadOnlyList<InterviewView> idle;
        await using (var query = store.QuerySession())
            idle = (await query.QueryAsync<InterviewView>("where data ->> 'status' in ('created', 'inProgress', 'paused')", cancellation))
                .Where(v => v.UpdatedAt <= cutoff).ToArray();

        var abandoned = 0;
        foreach (var view in idle)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<InterviewSession>(view.Id, cancellation);
            if (stream.Aggregate is null) continue;
            var decision = InterviewDecider.Abandon(stream.Aggregate, now - view.UpdatedAt, limit, now);
            if (decision.Events.Count == 0) continue;
            stream.AppendMany(decision.Events);
            await session.SaveChangesAsync(cancellation);
            abandoned++;
        }
        if (abandoned > 0) logger.LogInformation("Abandoned {Count} interviews idle for more than {Limit}", abandoned, limit);
        return abandoned;
    }

}
