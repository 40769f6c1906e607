using Hangfire;
using Marten;

namespace Interview.Api.Idempotency;

/// <summary>
/// Idempotency keys are honoured for at least <c>Idempotency:KeepHours</c> (24 by default); an hourly Hangfire job then
/// deletes the older records, so the table does not grow for ever. A key used again after that is a new request.
/// </summary>
public sealed class ExpireIdempotencyRecords(IDocumentStore store, IConfiguration configuration, TimeProvider clock, ILogger<ExpireIdempotencyRecords> logger)
{
    public const string RecurringJobId = "expire-idempotency-records";

    public TimeSpan KeepFor => TimeSpan.FromHours(configuration.GetValue("Idempotency:KeepHours", 24.0));

    [AutomaticRetry(Attempts = 2)]
    public Task<int> Run(CancellationToken cancellation) => Run(KeepFor, cancellation);

    public async Task<int> Run(TimeSpan keepFor, CancellationToken cancellation)
    {
        var cutoff = clock.GetUtcNow() - keepFor;
        await using var session = store.LightweightSession();
        var expired = await session.Query<IdempotencyRecord>().CountAsync(record => record.At < cutoff, cancellation);
        if (expired == 0) return 0;
        session.DeleteWhere<IdempotencyRecord>(record => record.At < cutoff);
        await session.SaveChangesAsync(cancellation);
        logger.LogInformation("Deleted {Count} idempotency records older than {KeepFor}", expired, keepFor);
        return expired;
    }
}
