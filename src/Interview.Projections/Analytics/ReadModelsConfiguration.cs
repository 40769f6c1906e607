using System.Linq.Expressions;
using Interview.Projections.History;
using Interview.Projections.Statistics;
using JasperFx.Events.Projections;
using Marten;

namespace Interview.Projections.Analytics;

public static class ReadModelsConfiguration
{
    /// <summary>
    /// History is inline (a candidate reads their own write); statistics and admin analytics are cross-stream and run in
    /// the async daemon.
    /// </summary>
    public static StoreOptions ConfigureReadModels(this StoreOptions options)
    {
        options.Projections.Add<InterviewSummaryProjection>(ProjectionLifecycle.Inline);
        // Sort keys are duplicated into real columns so that paging a long history walks an index instead of sorting JSON.
        options.Schema.For<InterviewSummary>()
            .Duplicate(x => x.CandidateId)
            .Duplicate(x => x.CreatedAt)
            .Duplicate(x => x.Score!)
            .Duplicate(x => x.Type)
            .Duplicate(x => x.Difficulty)
            .Duplicate(x => x.Status)
            .Index(new Expression<Func<InterviewSummary, object>>[] { x => x.CandidateId, x => x.CreatedAt })
            .Index(new Expression<Func<InterviewSummary, object>>[] { x => x.CandidateId, x => x.Score! })
            .GinIndexJsonData();

        options.Projections.Add<Prep.PrepPackViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<Prep.PrepPackView>().Duplicate(x => x.CandidateId).Duplicate(x => x.CacheKey);

        // Statistics should trail writes by well under a second: the daemon looks for new events four times a second.
        // Waking it on every append's NOTIFY instead ran a pass (several transactions per projection) for nearly every
        // answer under load, a third of PostgreSQL's work, for no gain in lag that anyone reads.
        options.Events.UseListenNotifyForEventAppends = false;
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(250);
        options.Projections.Add<CandidateStatisticsProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<DailyActivityProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<QuestionStatisticsProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<LlmUsageDailyProjection>(ProjectionLifecycle.Async);
        return options;
    }
}
