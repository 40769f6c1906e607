using JasperFx.Events.Projections;
using Marten;

namespace Interview.Projections;

public static class ProjectionRebuilds
{
    /// <summary>
    /// Rebuilds read events in pages of 2,000 and keep each rebuilt document in memory until 5,000 are dirty, so a
    /// document is written once per flush window (by binary COPY, as nothing is there yet after the teardown) instead of
    /// once per page; a per-candidate or per-question document no longer goes back and forth to the database for every
    /// page. Continuous async work reads the same larger pages. Call after every projection is registered.
    /// </summary>
    public static StoreOptions TuneProjectionRebuilds(this StoreOptions options)
    {
        options.Projections.RebuildWithBulkCopy = true;
        foreach (var projection in options.Projections.All.OfType<ProjectionBase>())
        {
            projection.Options.BatchSize = 2_000;
            projection.Options.MaximumHopperSize = 10_000;
            projection.Options.RebuildFlushThreshold = 5_000;
        }
        return options;
    }
}
