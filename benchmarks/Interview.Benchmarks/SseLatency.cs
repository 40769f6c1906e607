using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;

namespace Interview.Benchmarks;

/// <summary>
/// N candidates, each holding GET /interviews/{id}/stream open while answering a whole interview, against the published
/// app (COLD_START_APP) in Production mode. Latency of every turn event: the server's decision time (the turn's <c>at</c>,
/// taken just before its append commits, so the commit is included) to the event parsed by the client, on one clock
/// (same machine). Also: the answer's own event against its 202, and pg_stat_activity while the clients only wait.
/// </summary>
public static class SseLatency
{
    private const double TargetP95Ms = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        var appDirectory = Environment.GetEnvironmentVariable("COLD_START_APP")
                           ?? throw new InvalidOperationException("COLD_START_APP must name the published app's folder (benchmarks/run.sh sets it)");
        var connectionString = Environment.GetEnvironmentVariable("INTERVIEW_DB")
                               ?? throw new InvalidOperationException("INTERVIEW_DB must be set (benchmarks/run.sh starts a throwaway PostgreSQL)");
        var clients = args.Length > 1 ? int.Parse(args[1]) : 50;
        var questions = int.TryParse(Environment.GetEnvironmentVariable("SSE_QUESTIONS"), out var q) ? Math.Clamp(q, 3, 10) : 5;
        var thinkMs = int.TryParse(Environment.GetEnvironmentVariable("SSE_THINK_MS"), out var t) ? Math.Max(t, 0) : 1000;
        var logDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"interview-sse-{Guid.NewGuid():N}")).FullName;
        var signingKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());

        await ColdStart.AppProcess.ApplySchemaAsync(appDirectory, connectionString, Path.Combine(logDirectory, "db-apply.log"));
        await using var app = ColdStart.AppProcess.Start(appDirectory, connectionString, signingKey, Path.Combine(logDirectory, "app.log"));
        await app.WaitUntilReadyAsync();
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = app.Client.BaseAddress, Timeout = Timeout.InfiniteTimeSpan
        };
        Console.WriteLine($"sse-latency: {clients} candidates, {questions} questions each, think time {thinkMs} ms (±50%), published app in Production, " +
                          $"{Environment.ProcessorCount} cores, load average {LoadAverage()}; app log {logDirectory}/app.log");

        var candidates = new Candidate[clients];
        using (var signups = new SemaphoreSlim(4))
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
            {
                await signups.WaitAsync();
                try { candidates[i] = await Candidate.CreateAsync(http, i, questions); }
                finally { signups.Release(); }
            }));

        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = await Connections.SampleAsync(connectionString);
        foreach (var candidate in candidates) await candidate.OpenStreamAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var waiting = await Connections.SampleAsync(connectionString);
        var openStreams = candidates.Count(c => c.StreamOpen);
        Console.WriteLine($"  database connections, app idle, no stream open:        {before}");
        Console.WriteLine($"  database connections, {openStreams} streams open, clients only waiting: {waiting}");

        using var sampling = new CancellationTokenSource();
        var peak = Connections.PeakAsync(connectionString, sampling.Token);
        var run = Stopwatch.StartNew();
        await Task.WhenAll(candidates.Select((c, i) => c.RunAsync(thinkMs, new Random(i))));
        run.Stop();
        sampling.Cancel();
        var busiest = await peak;
        foreach (var candidate in candidates) candidate.Dispose();

        var turns = candidates.SelectMany(c => c.Samples).ToList();
        var interviewer = turns.Where(s => s.Speaker == "interviewer").Select(s => s.Ms).ToList();
        var answers = turns.Where(s => s.Speaker == "candidate").Select(s => s.Ms).ToList();
        var versusAck = candidates.SelectMany(c => c.AnswerVersusAck()).ToList();
        var all = turns.Select(s => s.Ms).ToList();
        var p95 = Percentile(all, 0.95);

        Console.WriteLine($"  {turns.Count} turn events in {run.Elapsed.TotalSeconds:0.0} s ({answers.Count} answers acknowledged with 202); " +
                          $"peak database connections while answering: {busiest}; load average now {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("server commit timestamp (turn `at`, taken just before the append commits) -> SSE event parsed by the client:");
        Console.WriteLine($"  all turns          {Summary(all)}");
        Console.WriteLine($"  interviewer turns  {Summary(interviewer)}");
        Console.WriteLine($"  candidate answers  {Summary(answers)}");
        Console.WriteLine($"answer's 202 received by the client -> its own SSE event (negative: the event came first): {Summary(versusAck)}, " +
                          $"{versusAck.Count(ms => ms < 0) * 100.0 / Math.Max(1, versusAck.Count):0}% before the 202");
        Console.WriteLine($"target p95 <= {TargetP95Ms:0} ms: {(p95 <= TargetP95Ms ? "met" : "NOT met")} (p95 {p95:0.0} ms)");
        return 0;
    }

    private static string Summary(List<double> values) => values.Count == 0
        ? "no samples"
        : $"p50 {Percentile(values, 0.50):0.0} ms   p95 {Percentile(values, 0.95):0.0} ms   p99 {Percentile(values, 0.99):0.0} ms   max {values.Max():0.0} ms   (n={values.Count})";

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private sealed record Sample(string Speaker, double Ms);

    private sealed record Received(long Id, string Event, JsonElement Data, DateTimeOffset At);

    /// <summary>One simulated candidate with its own account, interview and open stream.</summary>
    private sealed class Candidate(HttpClient http, string token, Guid interview) : IDisposable
    {
        private readonly Channel<Received> events = Channel.CreateUnbounded<Received>();
        private readonly CancellationTokenSource closing = new();
        private readonly Dictionary<long, DateTimeOffset> acknowledged = new();
        private readonly Dictionary<long, DateTimeOffset> streamed = new();
        private HttpResponseMessage? stream;

        public List<Sample> Samples { get; } = [];
        public bool StreamOpen => stream is not null && !closing.IsCancellationRequested;

        public static async Task<Candidate> CreateAsync(HttpClient http, int index, int questions)
        {
            var email = $"sse-{index}-{Guid.NewGuid():N}@interview.test";
            const string password = "benchmark password";
            var signup = await SendAsync(http, HttpMethod.Post, "/api/v1/auth/signup", null, new { email, password, displayName = $"Candidate {index}" }, 201);
            await SendAsync(http, HttpMethod.Post, "/api/v1/auth/verify", null, new { email, token = signup.GetProperty("verificationToken").GetString() }, 204);
            var login = await SendAsync(http, HttpMethod.Post, "/api/v1/auth/login", null, new { email, password }, 200);
            var token = login.GetProperty("accessToken").GetString()!;
            var created = await SendAsync(http, HttpMethod.Post, "/api/v1/interviews", token, new
            {
                track = "backend", role = "Backend Engineer", level = "mid", type = "mixed", difficulty = "medium",
                companyStyle = "general", techStack = new[] { "c#", "postgresql" }, questionCount = questions
            }, 201);
            return new Candidate(http, token, created.GetProperty("id").GetGuid());
        }

        public async Task OpenStreamAsync()
        {
            var request = Request(HttpMethod.Get, $"/api/v1/interviews/{interview}/stream", token, null);
            stream = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!stream.IsSuccessStatusCode) throw new InvalidOperationException($"stream answered {(int)stream.StatusCode}");
            _ = ReadAsync(await stream.Content.ReadAsStreamAsync());
        }

        public async Task RunAsync(int thinkMs, Random random)
        {
            await SendAsync(http, HttpMethod.Post, $"/api/v1/interviews/{interview}/start", token, null, 202);
            var answered = 0;
            while (true)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                var e = await events.Reader.ReadAsync(timeout.Token);
                if (e.Event != "turn") continue;
                var turn = e.Data.GetProperty("turn");
                var speaker = turn.GetProperty("speaker").GetString()!;
                Samples.Add(new Sample(speaker, (e.At - turn.GetProperty("at").GetDateTimeOffset()).TotalMilliseconds));
                if (speaker == "candidate") lock (streamed) streamed[e.Id] = e.At;
                var awaiting = e.Data.GetProperty("awaiting").GetString();
                if (awaiting == "nothing") return;
                if (awaiting != "candidate") continue;
                if (++answered > 40) throw new InvalidOperationException("the interview did not close after 40 answers");

                await Task.Delay(random.Next(thinkMs / 2, thinkMs * 3 / 2 + 1));
                var reply = await SendAsync(http, HttpMethod.Post, $"/api/v1/interviews/{interview}/answers", token, new
                {
                    text = "First I would clarify requirements, then use a cache and a queue because it reduces latency by 40%; the trade-off " +
                           "is consistency. When I was at my previous company I built this and I learned to measure first."
                }, 202);
                lock (streamed) acknowledged[reply.GetProperty("version").GetInt64()] = DateTimeOffset.UtcNow;
            }
        }

        public IEnumerable<double> AnswerVersusAck()
        {
            lock (streamed)
                return acknowledged.Where(a => streamed.ContainsKey(a.Key)).Select(a => (streamed[a.Key] - a.Value).TotalMilliseconds).ToList();
        }

        private async Task ReadAsync(Stream body)
        {
            using var reader = new StreamReader(body);
            long? id = null;
            string? name = null, data = null;
            try
            {
                while (await reader.ReadLineAsync(closing.Token) is { } line)
                {
                    if (line.Length == 0)
                    {
                        if (id is not null && data is not null)
                            events.Writer.TryWrite(new Received(id.Value, name ?? "message", JsonDocument.Parse(data).RootElement.Clone(), DateTimeOffset.UtcNow));
                        (id, name, data) = (null, null, null);
                    }
                    else if (line.StartsWith("id: ")) id = long.Parse(line[4..]);
                    else if (line.StartsWith("event: ")) name = line[7..];
                    else if (line.StartsWith("data: ")) data = line[6..];
                }
                events.Writer.TryComplete(new EndOfStreamException("the server ended the stream"));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                events.Writer.TryComplete(closing.IsCancellationRequested ? null : e);
            }
        }

        public void Dispose()
        {
            closing.Cancel();
            stream?.Dispose();
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? token, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string url, string? token, object? body, int expected)
    {
        using var request = Request(method, url, token, body);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await http.SendAsync(request, timeout.Token);
        var content = await response.Content.ReadAsStringAsync(timeout.Token);
        if ((int)response.StatusCode != expected)
            throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}, expected {expected}: {content}");
        return content.Length == 0 ? default : JsonDocument.Parse(content).RootElement.Clone();
    }

    /// <summary>The app's connections to its database as PostgreSQL sees them (this benchmark's own excluded).</summary>
    private sealed record Connections(int Total, int Active, int Idle, int InTransaction, int Listening)
    {
        public override string ToString() =>
            $"{Total} open ({Active} active, {Idle} idle, {InTransaction} idle in transaction; {Listening} of them the LISTEN connection)";

        public static async Task<Connections> SampleAsync(string connectionString)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                select count(*)::int,
                       count(*) filter (where state = 'active')::int,
                       count(*) filter (where state = 'idle')::int,
                       count(*) filter (where state like 'idle in transaction%')::int,
                       count(*) filter (where query ilike 'LISTEN %')::int
                from pg_stat_activity
                where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return new Connections(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
        }

        /// <summary>The most connections seen, sampled every 200 ms until cancelled, and how often PostgreSQL had none left for the sampler.</summary>
        public static async Task<string> PeakAsync(string connectionString, CancellationToken stop)
        {
            var (peak, refused) = (0, 0);
            while (!stop.IsCancellationRequested)
            {
                try { peak = Math.Max(peak, (await SampleAsync(connectionString)).Total); }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.TooManyConnections) { refused++; }
                try { await Task.Delay(200, stop); } catch (OperationCanceledException) { break; }
            }
            return refused == 0 ? $"{peak}" : $"{peak} (and {refused} samples refused: max_connections reached)";
        }
    }
}
