using System.Diagnostics;
using Alba;
using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Interview.Projections.Statistics;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Benchmarks;

/// <summary>History paging, async daemon lag and projection rebuild speed.</summary>
public static class ReadModelBenchmarks
{
    private static readonly InterviewConfig Config = new("backend", "Backend Engineer", InterviewLevel.Mid, InterviewType.Technical,
        Difficulty.Medium, "general", ["c#"], 3);

    private static double P(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>10,000 interviews of one candidate, then pages of GET /api/v1/interviews through HTTP.</summary>
    public static async Task HistoryPagingAsync(IAlbaHost host, int interviews)
    {
        var client = new ApiClient(host);
        var email = $"history-{Guid.NewGuid():N}@interview.test";
        var token = await client.SignedUpAsync(email);
        var candidate = await client.UserIdAsync(token);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var start = DateTimeOffset.UtcNow.AddDays(-400);
        for (var batch = 0; batch < interviews; batch += 500)
        {
            await using var session = store.LightweightSession();
            for (var i = batch; i < Math.Min(interviews, batch + 500); i++)
            {
                var id = Guid.CreateVersion7();
                var config = Config with { Type = (InterviewType)(i % 5), Difficulty = (Difficulty)(i % 4) };
                session.Events.StartStream<InterviewSession>(id, new InterviewCreated(id, candidate, config, start.AddMinutes(i * 50)));
            }
            await session.SaveChangesAsync();
        }

        var random = new Random(42);
        string[] queries = ["", "?sort=date", "?type=technical", "?difficulty=hard&sort=-date", "?status=created&pageSize=50"];
        var latencies = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            var url = $"/api/v1/interviews{queries[i % queries.Length]}{(queries[i % queries.Length].Contains('?') ? "&" : "?")}page={random.Next(1, 100)}";
            var watch = Stopwatch.StartNew();
            var status = await client.GetStatusAsync(token, url);
            watch.Stop();
            if (status != 200) throw new InvalidOperationException($"{url} answered {status}");
            if (i >= 20) latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        Console.WriteLine($"history-paging: {interviews} interviews of one candidate, 280 timed GET /api/v1/interviews (filters, sorts, random pages) in-process over HTTP");
        Console.WriteLine($"  p50 {P(latencies, 0.5):0.0} ms   p95 {P(latencies, 0.95):0.0} ms   max {latencies[^1]:0.0} ms   target p95 < 20 ms: {(P(latencies, 0.95) < 20 ? "met" : "NOT met")}");
    }

    /// <summary>Appends interview events at a steady rate and measures how long the async statistics take to include each batch.</summary>
    public static async Task DaemonLagAsync(IAlbaHost host, int batches)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var candidates = Enumerable.Range(0, 50).Select(_ => Guid.CreateVersion7()).ToArray();
        var lags = new List<double>();
        for (var b = 0; b < batches; b++)
        {
            await using (var session = store.LightweightSession())
            {
                for (var i = 0; i < 20; i++)
                {
                    var id = Guid.CreateVersion7();
                    var candidate = candidates[(b * 20 + i) % candidates.Length];
                    var now = DateTimeOffset.UtcNow;
                    session.Events.StartStream<InterviewSession>(id,
                        new InterviewCreated(id, candidate, Config, now), new InterviewStarted(id, now, candidate),
                        new InterviewFinalized(id, candidate, true, 0, now));
                }
                await session.SaveChangesAsync();
            }
            var appendedAt = Stopwatch.GetTimestamp();
            var target = (await store.Advanced.FetchEventStoreStatistics()).EventSequenceNumber;
            while (true)
            {
                var progress = await store.Advanced.AllProjectionProgress();
                var statistics = progress.Where(p => p.ShardName.StartsWith("CandidateStatistics") || p.ShardName.StartsWith("DailyActivity")).ToArray();
                if (statistics.Length > 0 && statistics.All(p => p.Sequence >= target)) break;
                if (Stopwatch.GetElapsedTime(appendedAt) > TimeSpan.FromSeconds(30)) throw new TimeoutException("daemon did not catch up in 30 s");
                await Task.Delay(5);
            }
            lags.Add(Stopwatch.GetElapsedTime(appendedAt).TotalMilliseconds);
            await Task.Delay(50);
        }
        lags.Sort();
        Console.WriteLine($"daemon-lag: {batches} batches of 20 interviews (60 events) appended every ~50 ms; time until CandidateStatistics and DailyActivity include each batch");
        Console.WriteLine($"  p50 {P(lags, 0.5):0} ms   p95 {P(lags, 0.95):0} ms   max {lags[^1]:0} ms   target p95 < 1000 ms: {(P(lags, 0.95) < 1000 ? "met" : "NOT met")}");
    }

    /// <summary>Appends about <paramref name="events"/> events of realistic interviews, then rebuilds every projection.</summary>
    public static async Task RebuildAsync(IAlbaHost host, int events)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var candidates = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7()).ToArray();
        var appended = (int)(await store.Advanced.FetchEventStoreStatistics()).EventCount;
        var n = appended == 0 ? 0 : (int)(await store.Advanced.FetchEventStoreStatistics()).StreamCount;
        var start = DateTimeOffset.UtcNow.AddDays(-90);
        while (appended < events)
        {
            await using var session = store.LightweightSession();
            for (var i = 0; i < 200 && appended < events; i++, n++)
            {
                var id = Guid.CreateVersion7();
                var candidate = candidates[n % candidates.Length];
                var at = start.AddMinutes(n);
                var stream = new List<object>
                {
                    new InterviewCreated(id, candidate, Config, at), new InterviewStarted(id, at, candidate),
                    new InterviewerGreeted(id, "Hello", EngineKind.Offline, at), new WarmUpAsked(id, "Warm-up?", EngineKind.Offline, at),
                    new AnswerSubmitted(id, 1, PromptKind.WarmUp, null, "I build things.", null, at)
                };
                for (var q = 1; q <= 3; q++)
                {
                    var qid = $"backend.general.medium.{q:00}";
                    stream.Add(new QuestionAsked(id, candidate, q, qid, "Question?", QuestionType.Technical, Difficulty.Medium, ["tag"], "benchmark", EngineKind.Offline, at));
                    stream.Add(new AnswerSubmitted(id, q + 1, PromptKind.Question, qid, "An answer with a hash map because O(1).", null, at));
                }
                stream.Add(new InterviewClosed(id, "Thanks", "done", EngineKind.Offline, at));
                stream.Add(new InterviewFinalized(id, candidate, false, 3, at));
                var report = new InterviewReport(1, 40 + n % 50, new Breakdown(50, 50, 50),
                    Enumerable.Range(1, 3).Select(q => new AnswerEvaluation($"backend.general.medium.{q:00}", "Question?", QuestionType.Technical, 30 + n % 60,
                        [new CriterionScore("correctness", "Correctness", 3, "", "\"quote\"")], null, [], [], ["tag"])).ToArray(),
                    [], [], [], [], new ScoredBy(EngineKind.Offline, null, "v", "rubric-v1"), false, 3, 3, null, at);
                stream.Add(new ReportGenerated(id, candidate, report, at));
                session.Events.StartStream<InterviewSession>(id, stream.ToArray());
                appended += stream.Count;
            }
            await session.SaveChangesAsync();
        }
        await host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(5));

        var daemon = host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        (Type Projection, Type Document)[] all =
        [
            (typeof(Projections.Sessions.InterviewViewProjection), typeof(Projections.Sessions.InterviewView)),
            (typeof(Projections.History.InterviewSummaryProjection), typeof(Projections.History.InterviewSummary)),
            (typeof(CandidateStatisticsProjection), typeof(CandidateStatistics)),
            (typeof(Projections.Analytics.DailyActivityProjection), typeof(Projections.Analytics.DailyActivity)),
            (typeof(Projections.Analytics.QuestionStatisticsProjection), typeof(Projections.Analytics.QuestionStatistics)),
            (typeof(Projections.Reports.InterviewReportsProjection), typeof(Projections.Reports.InterviewReports))
        ];
        var projections = all.Select(p => p.Projection).ToArray();
        if (Environment.GetEnvironmentVariable("REBUILD_ONLY") is { Length: > 0 } only)
            projections = projections.Where(p => only.Split(',').Any(name => p.Name.StartsWith(name))).ToArray();
        var documents = all.Where(p => projections.Contains(p.Projection)).Select(p => p.Document).ToArray();
        var before = await FingerprintsAsync(store, documents);
        var connectionString = Environment.GetEnvironmentVariable("INTERVIEW_DB")!;
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            // A store's events are old and vacuumed; rows written a second ago would make the first read set their hint bits.
            await connection.OpenAsync();
            await using var vacuum = new Npgsql.NpgsqlCommand($"vacuum analyze {store.Options.Events.DatabaseSchemaName}.mt_events", connection);
            await vacuum.ExecuteNonQueryAsync();
        }
        var postmaster = await ProcCpu.PostmasterAsync(connectionString);
        Console.WriteLine($"rebuild: {appended} events in {n} interview streams; load average {ProcCpu.LoadAverage()}");
        Console.WriteLine("  one at a time (events in the store / time):");
        foreach (var projection in projections)
        {
            var (seconds, app, pg) = await Measured(postmaster, () => daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(10), CancellationToken.None));
            Console.WriteLine($"  {projection.Name,-36} {seconds,6:0.0} s {appended / seconds,8:0} events/s   CPU: app {app,5:0.0} s, PostgreSQL {pg,5:0.0} s");
        }
        var (allSeconds, allApp, allPg) = await Measured(postmaster, () =>
            Task.WhenAll(projections.Select(p => daemon.RebuildProjectionAsync(p, TimeSpan.FromMinutes(10), CancellationToken.None))));
        Console.WriteLine($"  all {projections.Length} at once, as `projections rebuild` does: {allSeconds:0.0} s, {appended / allSeconds:0} events/s; " +
                          $"CPU: app {allApp:0.0} s, PostgreSQL {allPg:0.0} s; load average {ProcCpu.LoadAverage()}");
        await host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(5));
        var after = await FingerprintsAsync(store, documents);
        foreach (var document in documents)
            Console.WriteLine($"  {document.Name,-36} {(before[document] == after[document] ? "identical after the rebuild" : "DIFFERS after the rebuild")} ({after[document]})");
    }

    private static async Task<(double Seconds, double App, double Postgres)> Measured(int postmaster, Func<Task> work)
    {
        var (app, pg, watch) = (ProcCpu.Self(), ProcCpu.Cluster(postmaster), Stopwatch.StartNew());
        await work();
        return (watch.Elapsed.TotalSeconds, ProcCpu.Self() - app, ProcCpu.Cluster(postmaster) - pg);
    }

    /// <summary>Row count and MD5 of every row (id and JSON, in id order) of each read model's table.</summary>
    private static async Task<Dictionary<Type, string>> FingerprintsAsync(IDocumentStore store, Type[] documents)
    {
        var fingerprints = new Dictionary<Type, string>();
        await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("INTERVIEW_DB"));
        await connection.OpenAsync();
        foreach (var document in documents)
        {
            var table = $"{store.Options.DatabaseSchemaName}.mt_doc_{document.Name.ToLowerInvariant()}";
            await using var command = new Npgsql.NpgsqlCommand(
                $"select count(*)::text || ' rows, md5 ' || coalesce(md5(string_agg(id::text || data::text, '|' order by id)), '-') from {table}", connection);
            fingerprints[document] = (string)(await command.ExecuteScalarAsync())!;
        }
        return fingerprints;
    }
}
