using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Interview.Api.Auth;
using Interview.Workers;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Wolverine.Runtime;

namespace Interview.Api.Hosting;

/// <summary>
/// The lazy first-use work that would otherwise fall on the first requests after a start, done once before the app
/// reports ready, beside the rest of the start and spread over the cores: Marten's storage, selectors and JSON contracts
/// of every document type (reading one row of each), the live aggregates' fetch-for-writing path, recent events of
/// every type, the JSON contracts of every endpoint's request and response, Wolverine's message handlers, password
/// hashing. It reads only; nothing is written. <see cref="WarmUpCheck"/> keeps <c>/health/ready</c> at 503 until done.
/// </summary>
public sealed class WarmUp(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<WarmUp> logger) : IHostedService
{
    private static readonly MethodInfo ReadOneOpen = typeof(WarmUp).GetMethod(nameof(ReadOneAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FetchOpen = typeof(WarmUp).GetMethod(nameof(FetchForWritingAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly TaskCompletionSource<TimeSpan> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int begun;

    public Task<TimeSpan> Completion => done.Task;

    /// <summary>
    /// Starts the warm-up once, on another core: from <see cref="WarmUpBeforeStart.BeginWarmUpWhenServing"/> as soon as
    /// the app is built, else when the host starts it (after Marten has applied the schema, where it does).
    /// </summary>
    public void Begin()
    {
        if (Interlocked.Exchange(ref begun, 1) == 0) _ = Task.Run(() => RunAsync(lifetime.ApplicationStopping), CancellationToken.None);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Begin();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync(CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await WarmStoreAsync(services.GetRequiredService<IDocumentStore>(), cancellation);
            if (!await lifetime.WhenStartedAsync(cancellation)) return;
            WarmJsonContracts();
            WarmHandlers();
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            logger.LogWarning(e, "Warm-up stopped early; the first requests pay the rest");
        }
        // The warm-up's garbage is returned to the operating system before the app is ready and then sits idle.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        done.TrySetResult(watch.Elapsed);
        logger.LogInformation("Warmed up in {Milliseconds} ms", (int)watch.Elapsed.TotalMilliseconds);
    }

    private void WarmJsonContracts()
    {
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var types = services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(endpoint => endpoint.Metadata.OfType<IAcceptsMetadata>().Select(m => m.RequestType)
                .Concat(endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.Type)))
            .Where(type => type is not null && type != typeof(void)).Distinct();
        Parallel.ForEach(types, type => json.GetTypeInfo(type!));
    }

    private async Task WarmStoreAsync(IDocumentStore store, CancellationToken cancellation)
    {
        var documentTypes = store.Options.AllKnownDocumentTypes().ToArray();
        HashSet<string> missing;
        await using (var query = store.QuerySession())
            missing = (await DatabaseSchema.MissingTablesAsync(query, documentTypes.Select(d => d.TableName.QualifiedName), cancellation)).ToHashSet();
        var work = documentTypes.Select(document => (Name: document.DocumentType.Name, Run: (Func<Task>)(() =>
            (Task)(missing.Contains(document.TableName.QualifiedName) ? FetchOpen : ReadOneOpen)
                .MakeGenericMethod(document.DocumentType).Invoke(null, [store, cancellation])!)))
            .Append(("events", () => ReadRecentEventsAsync(store, cancellation)))
            .Prepend(("passwords", () => Task.Run(() => services.GetRequiredService<Passwords>().Verify(null, "warm-up"), cancellation)));
        // JIT-bound work: one worker per core.
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation },
            async (item, _) =>
            {
                try
                {
                    await item.Run();
                }
                catch (Exception e) when (!cancellation.IsCancellationRequested)
                {
                    logger.LogDebug(e, "Warm-up skipped {Document}", item.Name);
                }
            });
    }

    private static async Task ReadRecentEventsAsync(IDocumentStore store, CancellationToken cancellation)
    {
        await using var query = store.QuerySession();
        await query.Events.FetchStreamStateAsync(Guid.NewGuid(), cancellation);
        await query.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Take(200).ToListAsync(cancellation);
    }

    private static async Task ReadOneAsync<T>(IDocumentStore store, CancellationToken cancellation) where T : notnull
    {
        await using var session = store.QuerySession();
        await session.Query<T>().Take(1).ToListAsync(cancellation);
    }

    private static async Task FetchForWritingAsync<T>(IDocumentStore store, CancellationToken cancellation) where T : class
    {
        await using var session = store.LightweightSession();
        await session.Events.FetchForWriting<T>(Guid.NewGuid(), cancellation);
    }

    private void WarmHandlers()
    {
        var handlers = ((WolverineRuntime)services.GetRequiredService<IWolverineRuntime>()).Handlers;
        foreach (var chain in handlers.Chains) handlers.HandlerFor(chain.MessageType);
    }
}

public static class WarmUpBeforeStart
{
    /// <summary>
    /// When the app is about to serve (no JasperFx command such as <c>db-apply</c> or <c>codegen</c> in the arguments)
    /// against a schema applied beforehand (outside Development), the warm-up begins beside the rest of the start (mapping
    /// the endpoints, Wolverine, Hangfire) instead of after it. Where the start applies the schema, it waits for that.
    /// </summary>
    public static WebApplication BeginWarmUpWhenServing(this WebApplication app, string[] args)
    {
        var serving = args.Length == 0 || args[0].StartsWith('-');
        if (serving && !DatabaseSchema.AppliedOnStartup(app.Configuration, app.Environment)) app.Services.GetRequiredService<WarmUp>().Begin();
        return app;
    }
}

/// <summary>
/// Ready only once <see cref="WarmUp"/> has finished, unless <c>Startup:WarmUpBeforeReady=false</c>: then the app is
/// ready sooner and the warm-up goes on beside the first requests.
/// </summary>
public sealed class WarmUpCheck(WarmUp warmUp, IConfiguration configuration) : IHealthCheck
{
    private readonly bool beforeReady = configuration.GetValue("Startup:WarmUpBeforeReady", true);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp.Completion.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy($"warmed up in {(int)warmUp.Completion.Result.TotalMilliseconds} ms")
            : beforeReady ? HealthCheckResult.Unhealthy("warming up") : HealthCheckResult.Healthy("warming up beside the first requests"));
}
