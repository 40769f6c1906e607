using Hangfire;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Marten;

namespace Interview.Api.Privacy;

/// <summary>
/// How long data is kept. <c>Retention:AbandonedInterviewDays</c> (30): an interview housekeeping abandoned
/// (<see cref="InterviewAbandoned"/>: not finished and untouched for <c>Housekeeping:AbandonAfterDays</c>) has its content
/// erased this many days later. <c>Retention:AudioDays</c> (30): for the stored-audio rule. 0 or less turns a rule off.
/// </summary>
public sealed record RetentionSettings(double AbandonedInterviewDays, double AudioDays)
{
    public static RetentionSettings Load(IConfiguration configuration) => new(
        configuration.GetValue("Retention:AbandonedInterviewDays", 30.0), configuration.GetValue("Retention:AudioDays", 30.0));

    public TimeSpan? AbandonedInterviews => AbandonedInterviewDays > 0 ? TimeSpan.FromDays(AbandonedInterviewDays) : null;

    public TimeSpan? Audio => AudioDays > 0 ? TimeSpan.FromDays(AudioDays) : null;
}

/// <summary>Abandoned interviews lose their personal content (turns, answers, notes) after the retention period.</summary>
public sealed class AbandonedInterviewRetention(IDocumentStore store, InterviewData interviews, RetentionSettings settings) : IRetentionRule
{
    public string Name => "abandoned-interviews";

    public async Task<int> EnforceAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (settings.AbandonedInterviews is not { } keep) return 0;
        var cutoff = now - keep;
        IReadOnlyList<(Guid, Guid)> due;
        await using (var session = store.QuerySession())
        {
            var abandoned = await session.Events.QueryRawEventDataOnly<InterviewAbandoned>().Where(e => e.At <= cutoff).ToListAsync(ct);
            var ids = abandoned.Select(e => e.InterviewId).Distinct().ToArray();
            var erased = (await session.Events.QueryRawEventDataOnly<InterviewDataErased>().Where(e => ids.Contains(e.InterviewId)).ToListAsync(ct))
                .Select(e => e.InterviewId).ToHashSet();
            due = abandoned.Where(e => !erased.Contains(e.InterviewId)).DistinctBy(e => e.InterviewId).Select(e => (e.InterviewId, e.CandidateId)).ToArray();
        }
        await interviews.EraseInterviewsAsync(due, ErasureReason.Retention, ct);
        return due.Count;
    }
}

/// <summary>
/// Work that was already under way when a stream was erased (a report being scored, a turn being written) can still append
/// to it afterwards. Every run masks such late events (appended after the version the erasure masked through) and
/// deletes the read models they may have brought back.
/// </summary>
public sealed class LateEventsOnErasedStreams(IDocumentStore store) : IRetentionRule
{
    public string Name => "late-events-on-erased-streams";

    public async Task<int> EnforceAsync(DateTimeOffset now, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        IReadOnlyList<Guid> streams;
        await using (var session = store.QuerySession())
            streams = await session.AdvancedSql.QueryAsync<Guid>($"""
                select s.id from {schema}.mt_streams s join {store.Options.DatabaseSchemaName}.mt_doc_erasedstream d on d.id = s.id
                where s.version > (d.data ->> 'maskedThroughVersion')::bigint
                """, ct);
        if (streams.Count == 0) return 0;
        await UserStreams.MaskAsync(store, streams, ct);
        await using var cleanup = store.LightweightSession();
        foreach (var id in streams)
        {
            cleanup.Delete<Projections.Sessions.InterviewView>(id);
            cleanup.Delete<Projections.History.InterviewSummary>(id);
            cleanup.Delete<Projections.Reports.InterviewReports>(id);
            cleanup.Delete<Projections.Prep.PrepPackView>(id);
        }
        await cleanup.SaveChangesAsync(ct);
        return streams.Count;
    }
}

/// <summary>The daily retention job: runs every registered <see cref="IRetentionRule"/> (each records its deletions as events).</summary>
public sealed class RetentionJob(IEnumerable<IRetentionRule> rules, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "enforce-retention";

    [AutomaticRetry(Attempts = 2)]
    public Task<Dictionary<string, int>> Run(CancellationToken cancellation) => Run(clock.GetUtcNow(), cancellation);

    public async Task<Dictionary<string, int>> Run(DateTimeOffset now, CancellationToken cancellation)
    {
        var deleted = new Dictionary<string, int>();
        foreach (var rule in rules)
        {
            deleted[rule.Name] = await rule.EnforceAsync(now, cancellation);
            if (deleted[rule.Name] > 0) logger.LogInformation("Retention rule {Rule} deleted {Count} items", rule.Name, deleted[rule.Name]);
        }
        return deleted;
    }
}
