using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Interview.Workers.Turns;

/// <summary>
/// At start-up, and then every 15 s for turns overdue by 10 s, asks again for every turn the interviewer still owes. Wolverine's durable inbox already replays
/// messages a crash interrupted; this sweep also covers interviews whose message was lost some other way. When another
/// API process dies (<see cref="NodeLiveness"/>, checked twice a second), every owed turn is asked for again at once: the
/// dead node's turn requests would otherwise wait for Wolverine to take its stored messages over.
/// Duplicates are harmless: a turn request is answered at most once.
/// </summary>
public sealed class InterviewerTurnRecovery(
    IDocumentStore store, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<InterviewerTurnRecovery> logger)
    : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LivenessInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before every hosted service, Wolverine included, has started: a message published while Wolverine is
        // still starting its transports is routed to a local queue that is neither durable nor listened to, and that
        // route is cached, so no turn request would ever be handled again in this process (issue 11).
        if (!await lifetime.WhenStartedAsync(stoppingToken)) return;
        await SweepAsync(null, stoppingToken);
        await using var liveness = new NodeLiveness(store);
        var nextSweep = clock.GetUtcNow() + SweepInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(LivenessInterval, stoppingToken); } catch (OperationCanceledException) { return; }
            if (await NodesGoneAsync(liveness, stoppingToken) > 0)
                await SweepAsync(null, stoppingToken);
            else if (clock.GetUtcNow() >= nextSweep)
            {
                await SweepAsync(OverdueAfter, stoppingToken);
                nextSweep = clock.GetUtcNow() + SweepInterval;
            }
        }
    }

    private async Task<int> NodesGoneAsync(NodeLiveness liveness, CancellationToken stoppingToken)
    {
        try
        {
            var gone = await liveness.NodesGoneAsync(stoppingToken);
            if (gone > 0) logger.LogWarning("{Count} other API process(es) stopped holding their liveness lock; asking again for every owed interviewer turn", gone);
            return gone;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not check which API processes are alive");
            return 0;
        }
    }

    private async Task SweepAsync(TimeSpan? overdueFor, CancellationToken stoppingToken)
    {
        try
        {
            var recovered = await RecoverAsync(stoppingToken, overdueFor);
            if (recovered > 0) logger.LogInformation("Re-requested {Count} owed interviewer turns", recovered);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Interviewer turn recovery failed");
        }
    }

    /// <param name="overdueFor">Only turns owed for at least this long (the periodic sweep); null for all (at start-up).</param>
    public async Task<int> RecoverAsync(CancellationToken cancellation, TimeSpan? overdueFor = null)
    {
        await using var session = store.QuerySession();
        using var scope = scopes.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var owed = (await session.QueryAsync<InterviewView>(
            "where data ->> 'awaiting' = 'interviewer' and data ->> 'status' in ('inProgress', 'paused')", cancellation))
            .Where(view => overdueFor is null || clock.GetUtcNow() - view.UpdatedAt >= overdueFor)
            .ToArray();
        foreach (var view in owed)
        {
            var state = await session.LoadAsync<InterviewSession>(view.Id, cancellation);
            if (state is { Awaiting: Awaiting.Interviewer })
                await bus.PublishAsync(new InterviewerTurnDue(state.Id, state.TurnRequest));
        }
        return owed.Length;
    }
}
