using System.Collections.Concurrent;

namespace Interview.Api.Live;

/// <summary>
/// The process's in-memory fan-out of committed stream changes, fed by one LISTEN connection
/// (<see cref="StreamChangeListener"/>). Waiters and live streams hold no database connection while they wait.
/// </summary>
public sealed class StreamChanges(TimeProvider clock)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<Guid, Entry> streams = new();
    private long published;

    private sealed class Entry
    {
        public DateTimeOffset TouchedAt;
        public TaskCompletionSource Changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Called for every notification: wakes everyone waiting on the stream, who then read what changed.</summary>
    public void Publish(Guid streamId)
    {
        var entry = streams.GetOrAdd(streamId, _ => new Entry());
        TaskCompletionSource wake;
        lock (entry)
        {
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
        foreach (var (id, _) in streams) Publish(id);
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

    private void Forget()
    {
        var before = clock.GetUtcNow() - Remember;
        foreach (var (id, entry) in streams)
            if (entry.TouchedAt < before) streams.TryRemove(new KeyValuePair<Guid, Entry>(id, entry));
    }
}
