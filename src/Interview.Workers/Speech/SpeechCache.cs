using Marten;

namespace Interview.Workers.Speech;

/// <summary>Synthesised speech, keyed by a hash of (engine, voice, text); the oldest entries go beyond Speech:CacheEntries.</summary>
public sealed class SpeechCacheEntry
{
    public string Id { get; set; } = "";
    public string Engine { get; set; } = "";
    public string Voice { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Audio { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    public static string KeyFor(string engine, string voice, string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{engine}\n{voice}\n{text}")));
}

public static class SpeechCache
{
    public static async Task<SpeechCacheEntry?> FindAsync(IDocumentStore store, string key, CancellationToken cancellation)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<SpeechCacheEntry>(key, cancellation);
    }

    public static async Task StoreAsync(IDocumentStore store, SpeechCacheEntry entry, int capacity, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        session.Store(entry);
        await session.SaveChangesAsync(cancellation);
        var count = await session.Query<SpeechCacheEntry>().CountAsync(cancellation);
        if (count <= capacity) return;
        var keep = await session.Query<SpeechCacheEntry>().OrderByDescending(e => e.CreatedAt).Take(Math.Max(1, capacity))
            .Select(e => e.CreatedAt).ToListAsync(cancellation);
        var cutoff = keep[^1];
        session.DeleteWhere<SpeechCacheEntry>(e => e.CreatedAt < cutoff);
        await session.SaveChangesAsync(cancellation);
    }
}
