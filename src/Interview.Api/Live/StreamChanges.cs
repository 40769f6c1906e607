using System.Collections.Concurrent;

namespace Interview.Api.Live;

/// <summary>
/// The process's in-memory view of committed stream versions, fed by one LISTEN connection
/// (<see cref="StreamChangeListener"/>). Waiters and live streams hold no database connection while they wait.
/// </summary>
public sealed class StreamChanges(TimeProvider clock)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<Guid, Entry> streams = new();
    private long published;

    private sealed class Entry
    {
        public long Version;
        public DateTimeOffset TouchedAt;
        public TaskCompletionSource Changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The latest committed version seen for a stream by this process, when one has been seen recently.</summary>
    public long? LatestVersion(Guid streamId) => streams.TryGetValue(streamId, out var entry) && entry.Version > 0 ? Volatile.Read(ref entry.Version) : null;

    /// <summary>Called for every notification: wakes everyone waiting on the stream.</summary>
    public void Publish(Guid streamId, long version)
    {
        var entry = streams.GetOrAdd(streamId, _ => new Entry());
        TaskCompletionSource wake;
        lock (entry)
        {
            if (version > entry.Version) entry.Version = version;
            entry.TouchedAt = clock.GetUtcNow();
            wake = entry.Changed;
            entry.Changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        wake.TrySetResult();
        if (Interlocked.Increment(ref published) % 1024 == 0) Forget();
    }

    /// <summary>The listener lost its connection: notifications may have been missed, so every waiter re-reads.</summary>
    public void WakeEveryone()
    {
        foreach (var (id, _) in streams) Publish(id, 0);
    }

    /// <summary>A task that completes at the next change of the stream; take it before reading the database, then await it.</summary>
    public Task NextChange(Guid streamId)
    {
        var entry = streams.GetOrAdd(streamId, _ => new Entry { TouchedAt = clock.GetUtcNow() });
        lock (entry)
        {
            entry.TouchedAt = clock.GetUtcNow();
            return entry.Changed.Task;
        }
    }

    /// <summary>
    /// Waits until a version after <paramref name="afterVersion"/> is committed to the stream, or the timeout passes.
    /// Returns the latest version seen (null if none arrived in time).
    /// </summary>
    public async Task<long?> WaitForVersionAsync(Guid streamId, long afterVersion, TimeSpan timeout, CancellationToken cancellation)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(timeout);
        while (true)
        {
            var next = NextChange(streamId);
            if (LatestVersion(streamId) is { } latest && latest > afterVersion) return latest;
            try
            {
                await next.WaitAsync(timer.Token);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    private void Forget()
    {
        var before = clock.GetUtcNow() - Remember;
        foreach (var (id, entry) in streams)
            if (entry.TouchedAt < before) streams.TryRemove(new KeyValuePair<Guid, Entry>(id, entry));
    }
}
