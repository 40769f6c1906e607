using System.IO.Compression;
using Interview.Api.Idempotency;
using Interview.Domain.Common;
using Marten;

namespace Interview.Api.Privacy;

/// <summary>Stored replies to the person's idempotency keys: they hold copies of response bodies.</summary>
public sealed class IdempotencyData(IDocumentStore store) : IPersonalDataSource
{
    public async Task ExportAsync(Guid userId, ZipArchive zip, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        await zip.WriteJsonAsync("idempotency-records.json", await session.Query<IdempotencyRecord>().Where(r => r.UserId == userId).ToListAsync(ct), ct);
    }

    public async Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.UserId == userId);
        await session.SaveChangesAsync(ct);
    }
}
