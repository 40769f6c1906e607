using Microsoft.Extensions.Hosting;

namespace Interview.Workers;

public static class HostStarted
{
    /// <summary>Waits until every hosted service (Wolverine included) has started; false when stopped first.</summary>
    public static async Task<bool> WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellation)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStopping = cancellation.Register(() => started.TrySetCanceled(cancellation));
        try { await started.Task; return true; }
        catch (OperationCanceledException) { return false; }
    }
}
