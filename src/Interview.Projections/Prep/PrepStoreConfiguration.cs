using Interview.Domain.Prep;
using Marten;

namespace Interview.Projections.Prep;

public static class PrepStoreConfiguration
{
    /// <summary>Prep packs and their cache slots are write models folded live from their own streams.</summary>
    public static StoreOptions ConfigurePrep(this StoreOptions options)
    {
        options.Projections.LiveStreamAggregation<PrepPack>();
        options.Projections.LiveStreamAggregation<PrepCacheSlot>();
        return options;
    }
}
