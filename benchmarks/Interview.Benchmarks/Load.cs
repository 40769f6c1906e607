using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Benchmarks.Shared;
using Npgsql;

namespace Interview.Benchmarks;

/// <summary>
/// `load N`: N simulated candidates take whole interviews at once against the published app (Production mode, offline
/// engine): distinct answers, the next turn read by long-polling (`?waitForTurn=10`), finalize, then the report.
/// `multi-node`: the same with 50 candidates spread over three app processes on one database; the first node (the one
/// that started first, so the async daemon's leader) is SIGKILLed mid-load and its candidates carry on against the
/// others, retrying with their idempotency keys. Afterwards the store is checked: every acknowledged answer is there
/// exactly once, every interview ended and every report exists.
/// </summary>
public static class Load
{
    private static readonly string[] Openings =
    [
        "First I would clarify the requirements and the expected load", "I would start from the read and write patterns",
        "Before choosing anything I would measure where the time goes", "My first step is to agree on the consistency the product needs",
        "I would split the problem into the hot path and the background work"
    ];

    private static readonly string[] Designs =
    [
        "then put a cache in front of PostgreSQL with a short TTL", "then partition the table by tenant and keep the indexes narrow",
        "then move the slow calls behind a durable queue with retries", "then add an outbox so that no message is lost on a crash",
        "then batch the writes and keep one transaction per request"
    ];

    private static readonly string[] Results =
    [
        "which cut p95 latency by {0}% in my last project", "which let us serve {0} thousand users per node",
        "and it reduced the error rate to {0} in ten thousand", "and the database CPU dropped by {0}%"
    ];

    private static readonly string[] TradeOffs =
    [
        "The trade-off is stale reads for a few seconds, which the product accepted.", "The trade-off is more moving parts to monitor.",
        "The trade-off is eventual consistency between the services.", "It costs memory, so I would cap it and watch the hit rate."
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var appDirectory = Environment.GetEnvironmentVariable("COLD_START_APP")
                           ?? throw new InvalidOperationException("COLD_START_APP must name the published app's folder (benchmarks/run.sh sets it)");
        var connectionString = Environment.GetEnvironmentVariable("INTERVIEW_DB")
                               ?? throw new InvalidOperationException("INTERVIEW_DB must be set (benchmarks/run.sh starts a throwaway PostgreSQL)");
        var multiNode = args[0] == "multi-node";
        var count = args.Length > 1 ? int.Parse(args[1]) : 50;
        var nodes = multiNode ? 3 : 1;
        var questions = int.TryParse(Environment.GetEnvironmentVariable("LOAD_QUESTIONS"), out var q) ? Math.Clamp(q, 3, 10) : 5;
        var thinkMs = int.TryParse(Environment.GetEnvironmentVariable("LOAD_THINK_MS"), out var t) ? Math.Max(t, 0) : 300;
        var warmUp = int.TryParse(Environment.GetEnvironmentVariable("LOAD_WARMUP"), out var w) ? Math.Max(w, 0) : multiNode ? 0 : count;
        var logDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"interview-load-{Guid.NewGuid():N}")).FullName;
        var signingKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());

        await ColdStart.AppProcess.ApplySchemaAsync(appDirectory, connectionString, Path.Combine(logDirectory, "db-apply.log"));
        var apps = new List<ColdStart.AppProcess>();
        for (var n = 0; n < nodes; n++)
        {
            apps.Add(ColdStart.AppProcess.Start(appDirectory, connectionString, signingKey, Path.Combine(logDirectory, $"app{n}.log")));
            await apps[^1].WaitUntilReadyAsync();
        }
        try
        {
            var clients = apps.Select(a => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 1000 })
            {
                BaseAddress = a.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60)
            }).ToArray();
            Console.WriteLine($"{args[0]}: {count} candidates, {questions} questions each, think time {thinkMs} ms (±50%), {nodes} published app process(es) " +
                              $"in Production, {Environment.ProcessorCount} cores, load average {ProcCpu.LoadAverage()}; logs in {logDirectory}");

            if (warmUp > 0)
            {
                var warming = Stopwatch.StartNew();
                var rehearsal = await Candidate.CreateManyAsync(clients, warmUp, questions, firstIndex: 1_000_000);
                await Task.WhenAll(rehearsal.Select((c, i) => c.RunAsync(thinkMs, new Random(-1 - i))));
                Console.WriteLine($"  warm-up: {warmUp} candidates took whole interviews first, untimed ({warming.Elapsed.TotalSeconds:0.0} s; " +
                                  $"answer POST {Summary(rehearsal.SelectMany(c => c.AnswerPosts).ToList())}); the figures below are the next round's");
                Candidate.ResetCount();
            }
            var candidates = await Candidate.CreateManyAsync(clients, count, questions, firstIndex: 0);

            // Five idle seconds first: the transactions the nodes make with nobody using them (polling, heartbeats).
            var idle = await Database.SampleAsync(connectionString);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var database = await Database.SampleAsync(connectionString);
            var idlePerSecond = (database.Commits - idle.Commits - 1) / 5.0;
            var postmaster = await ProcCpu.PostmasterAsync(connectionString);
            var appCpu = apps.Select(a => ProcCpu.Seconds(a.Id)).ToArray();
            var pgCpu = ProcCpu.Cluster(postmaster);
            using var sampling = new CancellationTokenSource();
            var monitor = Monitor.RunAsync(connectionString, sampling.Token);
            var killedAt = (DateTimeOffset?)null;
            var run = Stopwatch.StartNew();
            var running = candidates.Select((c, i) => c.RunAsync(thinkMs, new Random(i))).ToList();
            if (multiNode)
            {
                var total = count * (questions * 3 + 1);
                while (Candidate.Answers < total / 3 && running.Any(r => !r.IsCompleted)) await Task.Delay(100);
                appCpu[0] = ProcCpu.Seconds(apps[0].Id) - appCpu[0];
                apps[0].Kill();
                killedAt = DateTimeOffset.UtcNow;
                Candidate.DeadNode = 0;
                Console.WriteLine($"  SIGKILLed node 0 (started first: the daemon's leader) after {run.Elapsed.TotalSeconds:0.0} s and {Candidate.Answers} answers");
            }
            await Task.WhenAll(running);
            run.Stop();
            var seconds = run.Elapsed.TotalSeconds;
            var appUsed = apps.Select((a, i) => multiNode && i == 0 ? appCpu[0] : ProcCpu.Seconds(a.Id) - appCpu[i]).Sum();
            var pgUsed = ProcCpu.Cluster(postmaster) - pgCpu;
            sampling.Cancel();
            var monitored = await monitor;
            var after = await Database.SampleAsync(connectionString);

            var all = candidates.ToList();
            var answers = all.Sum(c => c.AnswerPosts.Count);
            var events = after.Events - database.Events;
            var commits = after.Commits - database.Commits - monitored.Queries - 1;
            var cores = Environment.ProcessorCount;
            var refusals = Directory.GetFiles(logDirectory, "app*.log").Sum(f => File.ReadLines(f).Count(l => l.Contains("53300")));
            Console.WriteLine($"  {all.Count(c => c.Finished)} of {count} interviews finished in {seconds:0.0} s; {answers} answers acknowledged; load average {ProcCpu.LoadAverage()}");
            Console.WriteLine($"  answer POST                 {Summary(all.SelectMany(c => c.AnswerPosts).ToList())}");
            Console.WriteLine($"  answer -> next turn visible {Summary(all.SelectMany(c => c.NextTurns).ToList())}");
            Console.WriteLine($"  finalize -> report          {Summary(all.SelectMany(c => c.Reports).ToList())}; reports missing after 60 s: {all.Count(c => c.ReportMissing)}");
            Console.WriteLine($"  throughput: {answers / seconds:0.0} answers/s, {events / seconds:0} events/s ({events} events)");
            Console.WriteLine($"  errors: {all.Sum(c => c.Errors)} failed requests (retried), {all.Count(c => c.Failed is not null)} candidates gave up" +
                              $"{(all.FirstOrDefault(c => c.Failed is not null)?.Failed is { } why ? $" (first: {why})" : "")}; " +
                              $"\"too many clients\" (53300) in the app logs: {refusals}");
            Console.WriteLine($"  CPU: API {appUsed:0.0} s ({appUsed / (seconds * cores):P0} of {cores} cores), PostgreSQL {pgUsed:0.0} s ({pgUsed / (seconds * cores):P0}); " +
                              $"per answer: API {appUsed * 1000 / answers:0.0} ms, PostgreSQL {pgUsed * 1000 / answers:0.0} ms");
            Console.WriteLine($"  PostgreSQL: {commits / (double)answers:0.0} transactions per answer ({commits} commits, the monitor's own excluded), " +
                              $"{idlePerSecond:0.0} per second while idle; peak {monitored.PeakConnections} connections of max_connections {monitored.MaxConnections}");
            if (multiNode) await VerifyAsync(connectionString, all, killedAt!.Value, monitored);
            foreach (var missing in all.Where(c => c.ReportMissing).Take(3)) Console.WriteLine(await ReportTrace.OfAsync(connectionString, missing.Interview));
            return 0;
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
        }
    }

    /// <summary>After the run: acknowledged answers found exactly once, interviews ended, reports made, recovery times.</summary>
    private static async Task VerifyAsync(string connectionString, List<Candidate> candidates, DateTimeOffset killedAt, Monitored monitored)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var keys = new Dictionary<string, int>();
        await using (var command = new NpgsqlCommand(
                         "select data ->> 'idempotencyKey' from interview.mt_events where type = 'answer_submitted' and data ->> 'idempotencyKey' like 'load-%'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys[reader.GetString(0)] = keys.GetValueOrDefault(reader.GetString(0)) + 1;
        var acknowledged = candidates.SelectMany(c => c.AcknowledgedKeys).ToList();
        var found = acknowledged.Count(keys.ContainsKey);
        var duplicated = keys.Values.Count(n => n > 1);
        var stuck = candidates.Count(c => !c.Finished);
        var afterKill = candidates.SelectMany(c => c.TurnWaitsAfterKill(killedAt)).DefaultIfEmpty(0).Max();
        Console.WriteLine($"  answers acknowledged {acknowledged.Count}, found {found}, duplicated {duplicated}; interviews stuck {stuck}; " +
                          $"reports missing {candidates.Count(c => c.ReportMissing)}");
        Console.WriteLine($"  longest wait for a turn owed across the kill: {afterKill / 1000:0.0} s (target <= 2 s); " +
                          $"async projections moving again {(monitored.ProjectionGapAfter(killedAt) is { } gap ? $"{gap:0.0} s after the kill" : "never")} (target <= 5 s)");
        Console.WriteLine($"  CandidateStatistics lag behind the event store during the run: p95 {Percentile(monitored.LagEvents, 0.95):0} events, max {monitored.LagEvents.DefaultIfEmpty(0).Max():0}");
    }

    private static string Summary(List<double> values) => values.Count == 0
        ? "no samples"
        : $"p50 {Percentile(values, 0.50),6:0.0} ms   p95 {Percentile(values, 0.95),7:0.0} ms   p99 {Percentile(values, 0.99),7:0.0} ms   (n={values.Count})";

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed record Database(long Events, long Commits)
    {
        public static async Task<Database> SampleAsync(string connectionString)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select (select coalesce(max(seq_id), 0) from interview.mt_events), (select xact_commit from pg_stat_database where datname = current_database())", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return new Database(reader.GetInt64(0), reader.GetInt64(1));
        }
    }

    private sealed class Monitored
    {
        public int Queries;
        public int PeakConnections;
        public int MaxConnections;
        public List<double> LagEvents { get; } = [];
        public List<(DateTimeOffset At, long Progress)> Progress { get; } = [];

        /// <summary>
        /// Seconds from the kill until CandidateStatistics move past everything committed up to a second after it (null when
        /// they never did): a batch the killed node committed just before it died, read by the next sample, is not the
        /// projections moving again.
        /// </summary>
        public double? ProjectionGapAfter(DateTimeOffset killedAt)
        {
            var settled = killedAt.AddSeconds(1);
            var before = Progress.Where(p => p.At <= settled).Select(p => p.Progress).DefaultIfEmpty(0).Max();
            var moved = Progress.FirstOrDefault(p => p.At > settled && p.Progress > before);
            return moved == default ? null : (moved.At - killedAt).TotalSeconds;
        }
    }

    /// <summary>Every 250 ms on one connection: connections in use, and how far the async statistics trail the event store.</summary>
    private static class Monitor
    {
        public static async Task<Monitored> RunAsync(string connectionString, CancellationToken stop)
        {
            var result = new Monitored();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using (var max = new NpgsqlCommand("show max_connections", connection))
                result.MaxConnections = int.Parse((string)(await max.ExecuteScalarAsync())!);
            result.Queries++;
            await using var command = new NpgsqlCommand("""
                select (select count(*)::int from pg_stat_activity where backend_type = 'client backend'),
                       (select coalesce(max(seq_id), 0) from interview.mt_events),
                       (select coalesce(max(last_seq_id), 0) from interview.mt_event_progression where name like 'CandidateStatistics%')
                """, connection);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(stop);
                    await reader.ReadAsync(stop);
                    result.Queries++;
                    result.PeakConnections = Math.Max(result.PeakConnections, reader.GetInt32(0));
                    result.LagEvents.Add(reader.GetInt64(1) - reader.GetInt64(2));
                    result.Progress.Add((DateTimeOffset.UtcNow, reader.GetInt64(2)));
                    await Task.Delay(250, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            return result;
        }
    }

    /// <summary>One simulated candidate: an account, an interview, and a preferred node (another when that one dies).</summary>
    private sealed class Candidate(HttpClient[] nodes, int index, string token, Guid interview)
    {
        private static int answers;
        private int node = index % nodes.Length;
        private readonly List<(DateTimeOffset Asked, double Ms)> turnWaits = [];

        public static int Answers => answers;
        public Guid Interview => interview;
        public static int? DeadNode { get; set; }
        public List<double> AnswerPosts { get; } = [];
        public List<double> NextTurns { get; } = [];
        public List<double> Reports { get; } = [];
        public List<string> AcknowledgedKeys { get; } = [];
        public int Errors { get; private set; }
        public bool Finished { get; private set; }
        public bool ReportMissing { get; private set; }
        public string? Failed { get; private set; }

        public IEnumerable<double> TurnWaitsAfterKill(DateTimeOffset killedAt) =>
            turnWaits.Where(w => w.Asked.AddMilliseconds(w.Ms) > killedAt).Select(w => w.Ms);

        public static void ResetCount() => answers = 0;

        public static async Task<Candidate[]> CreateManyAsync(HttpClient[] nodes, int count, int questions, int firstIndex)
        {
            var candidates = new Candidate[count];
            using var signups = new SemaphoreSlim(4);
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await signups.WaitAsync();
                try { candidates[i] = await CreateAsync(nodes, firstIndex + i, questions); }
                finally { signups.Release(); }
            }));
            return candidates;
        }

        private static async Task<Candidate> CreateAsync(HttpClient[] nodes, int index, int questions)
        {
            var http = nodes[index % nodes.Length];
            var email = $"load-{index}-{Guid.NewGuid():N}@interview.test";
            const string password = "benchmark password";
            var signup = await Send(http, HttpMethod.Post, "/api/v1/auth/signup", null, new { email, password, displayName = $"Candidate {index}" }, 201);
            await Send(http, HttpMethod.Post, "/api/v1/auth/verify", null, new { email, token = signup.GetProperty("verificationToken").GetString() }, 204);
            var login = await Send(http, HttpMethod.Post, "/api/v1/auth/login", null, new { email, password }, 200);
            var token = login.GetProperty("accessToken").GetString()!;
            var created = await Send(http, HttpMethod.Post, "/api/v1/interviews", token, new
            {
                track = "backend", role = "Backend Engineer", level = "mid", type = "mixed", difficulty = "medium",
                companyStyle = "general", techStack = new[] { "c#", "postgresql" }, questionCount = questions
            }, 201);
            return new Candidate(nodes, index, token, created.GetProperty("id").GetGuid());
        }

        public async Task RunAsync(int thinkMs, Random random)
        {
            try
            {
                await Retrying(HttpMethod.Post, $"/api/v1/interviews/{interview}/start", null, 202, 409);
                var waitFrom = Stopwatch.GetTimestamp();
                var askedAt = DateTimeOffset.UtcNow;
                for (var answered = 0; ; )
                {
                    var view = await Retrying(HttpMethod.Get, $"/api/v1/interviews/{interview}?waitForTurn=10", null, 200);
                    var awaiting = view.GetProperty("awaiting").GetString();
                    if (awaiting == "interviewer")
                    {
                        if (Stopwatch.GetElapsedTime(waitFrom) > TimeSpan.FromSeconds(120)) throw new TimeoutException("no interviewer turn for 120 s");
                        continue;
                    }
                    var waited = Stopwatch.GetElapsedTime(waitFrom).TotalMilliseconds;
                    NextTurns.Add(waited);
                    turnWaits.Add((askedAt, waited));
                    if (awaiting == "nothing") break;
                    if (++answered > 40) throw new InvalidOperationException("the interview did not close after 40 answers");

                    await Task.Delay(random.Next(thinkMs / 2, thinkMs * 3 / 2 + 1));
                    var key = $"load-{index}-{answered}-{interview:N}";
                    var text = $"{Openings[random.Next(Openings.Length)]}, {Designs[random.Next(Designs.Length)]}, " +
                               $"{string.Format(Results[random.Next(Results.Length)], random.Next(5, 80))}. {TradeOffs[random.Next(TradeOffs.Length)]} " +
                               $"(candidate {index}, answer {answered})";
                    var watch = Stopwatch.StartNew();
                    await Retrying(HttpMethod.Post, $"/api/v1/interviews/{interview}/answers", new { text, idempotencyKey = key }, 202);
                    AnswerPosts.Add(watch.Elapsed.TotalMilliseconds);
                    AcknowledgedKeys.Add(key);
                    Interlocked.Increment(ref answers);
                    waitFrom = Stopwatch.GetTimestamp();
                    askedAt = DateTimeOffset.UtcNow;
                }
                await Retrying(HttpMethod.Post, $"/api/v1/interviews/{interview}/finalize", null, 202, 409);
                Finished = true;
                var finalized = Stopwatch.StartNew();
                while (true)
                {
                    using var response = await SendRaw(HttpMethod.Get, $"/api/v1/interviews/{interview}/report", null);
                    if (response?.StatusCode == System.Net.HttpStatusCode.OK) break;
                    if (finalized.Elapsed > TimeSpan.FromSeconds(60)) { ReportMissing = true; return; }
                    await Task.Delay(50);
                }
                Reports.Add(finalized.Elapsed.TotalMilliseconds);
            }
            catch (Exception e)
            {
                Failed = $"{e.GetType().Name}: {e.Message}";
                if (!Finished) ReportMissing = true;
            }
        }

        /// <summary>Sends until the expected status comes back: another node when this one is dead, the same key again.</summary>
        private async Task<JsonElement> Retrying(HttpMethod method, string url, object? body, params int[] expected)
        {
            for (var attempt = 1; ; attempt++)
            {
                using var response = await SendRaw(method, url, body);
                if (response is not null && expected.Contains((int)response.StatusCode))
                {
                    var content = await response.Content.ReadAsStringAsync();
                    return content.Length == 0 ? default : JsonDocument.Parse(content).RootElement.Clone();
                }
                Errors++;
                if (attempt >= 10)
                    throw new InvalidOperationException($"{method} {url}: {(response is null ? "no response" : (int)response.StatusCode)} after {attempt} attempts");
                if (DeadNode == node || response is null) node = (node + 1) % nodes.Length;
                await Task.Delay(200 * attempt);
            }
        }

        private async Task<HttpResponseMessage?> SendRaw(HttpMethod method, string url, object? body)
        {
            if (DeadNode == node) node = (node + 1) % nodes.Length;
            var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new("Bearer", token);
            if (body is not null) request.Content = JsonContent.Create(body);
            try
            {
                return await nodes[node].SendAsync(request);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }

        private static async Task<JsonElement> Send(HttpClient http, HttpMethod method, string url, string? token, object? body, int expected)
        {
            using var request = new HttpRequestMessage(method, url);
            if (token is not null) request.Headers.Authorization = new("Bearer", token);
            if (body is not null) request.Content = JsonContent.Create(body);
            using var response = await http.SendAsync(request);
            var content = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != expected)
                throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}, expected {expected}: {content}");
            return content.Length == 0 ? default : JsonDocument.Parse(content).RootElement.Clone();
        }
    }
}
