using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Interview.Benchmarks.Shared;
using Npgsql;

namespace Interview.CrashSoak;

/// <summary>
/// Crash soak: the published API as a child process on a throwaway PostgreSQL, 50 candidates through whole interviews,
/// the API SIGKILLed five times mid-load (once right after a start) on a database that earlier killed and gracefully
/// stopped processes left behind. Clients retry with the same idempotency keys. Prints one result line.
/// Usage: dotnet Interview.CrashSoak.dll APP_DLL [candidates] [kills]   (INTERVIEW_DB names the database)
/// </summary>
public static class CrashSoak
{
    public static async Task<int> Main(string[] args)
    {
        var app = args.Length > 0 ? Path.GetFullPath(args[0]) : throw new ArgumentException("usage: crash-soak APP_DLL [candidates] [kills]");
        var candidates = args.Length > 1 ? int.Parse(args[1]) : 50;
        var kills = args.Length > 2 ? int.Parse(args[2]) : 5;
        var database = Environment.GetEnvironmentVariable("INTERVIEW_DB") ?? throw new InvalidOperationException("INTERVIEW_DB is not set");
        var work = Directory.CreateTempSubdirectory("interview-crash-soak-").FullName;

        await using var api = new ApiProcess(app, database, work);
        var client = new SoakClient(api);
        var clock = Stopwatch.StartNew();

        // The schema applied as a deployment applies it, then a database that earlier processes left behind: one killed, one stopped gracefully.
        await api.ApplySchemaAsync();
        await api.StartAsync();
        await api.WaitReadyAsync();
        api.Kill();
        await api.StartAsync();
        await api.WaitReadyAsync();
        await api.StopGracefullyAsync();

        await api.StartAsync();
        await api.WaitReadyAsync();
        var killsDone = new TaskCompletionSource();
        var load = Enumerable.Range(0, candidates).Select(i => client.CandidateAsync(i, killsDone.Task)).ToArray();

        var random = new Random();
        for (var k = 1; k <= kills; k++)
        {
            if (k == 3)
            {
                await Task.Delay(random.Next(300, 1500)); // right after a start, before (or just as) it is ready
            }
            else
            {
                await api.WaitReadyAsync();
                await Task.Delay(random.Next(4_000, 9_000));
            }
            api.Kill();
            await api.StartAsync();
        }
        await api.WaitReadyAsync();
        killsDone.SetResult();
        await Task.WhenAll(load);

        var stored = await StoredAnswersAsync(database);
        var acknowledged = client.Acknowledged.Keys.ToHashSet();
        var found = acknowledged.Count(key => stored.ContainsKey(key));
        var duplicates = stored.Values.Sum(count => count - 1);
        var stuck = client.Stuck.Count;
        var reportsMissing = client.ReportsMissing.Count;
        var ok = found == acknowledged.Count && duplicates == 0 && stuck == 0 && reportsMissing == 0 && client.LongestWait <= TimeSpan.FromSeconds(10);

        Console.WriteLine(
            $"crash-soak: answers acknowledged {acknowledged.Count}, answers found {found}, duplicates {duplicates}, interviews stuck {stuck}, " +
            $"reports missing {reportsMissing}, longest wait for a turn after a restart {client.LongestWait.TotalSeconds:0.0} s " +
            $"({candidates} candidates, {client.Interviews} interviews, {kills} kills, {api.Starts} starts, {clock.Elapsed.TotalSeconds:0} s) {(ok ? "PASS" : "FAIL")}");
        Console.WriteLine($"  {client.WaitPercentiles()}; longest: {client.LongestWaitWhat}");
        foreach (var line in client.Stuck.Concat(client.ReportsMissing).Take(10)) Console.WriteLine($"  {line}");
        foreach (var id in client.ReportsMissing.Select(line => line.Split(' ')[^1]).Take(3))
            Console.WriteLine(await ReportTrace.OfAsync(database, Guid.Parse(id)));
        if (client.ReportsMissing.Count > 0 && await api.DumpStacksAsync() is { } stacks) Console.WriteLine($"  stacks of the running API: {stacks}");
        if (!ok) Console.WriteLine($"  API logs: {work}");
        else Directory.Delete(work, recursive: true);
        return ok ? 0 : 1;
    }

    private static async Task<Dictionary<string, int>> StoredAnswersAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data ->> 'idempotencyKey', count(*)::int from interview.mt_events where type = 'answer_submitted' group by 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<string, int>();
        while (await reader.ReadAsync())
            stored[reader.IsDBNull(0) ? "(no key)" : reader.GetString(0)] = reader.GetInt32(1);
        return stored;
    }
}

/// <summary>The published API as a child process on one fixed port; killed with SIGKILL or stopped with SIGTERM.</summary>
public sealed class ApiProcess(string app, string database, string work) : IAsyncDisposable
{
    private readonly int port = FreePort();
    private Process? process;
    private long readyAtTicks;
    private bool ready;

    public Uri BaseAddress => new($"http://127.0.0.1:{port}");
    public int Starts { get; private set; }
    public bool Up { get; private set; }

    /// <summary>When the current process became ready (the far future while it is down); clients measure turn waits from here after a restart.</summary>
    public DateTimeOffset ReadyAt => new(Interlocked.Read(ref readyAtTicks), TimeSpan.Zero);

    /// <summary>`db-apply`: Production applies no schema changes at start.</summary>
    public async Task ApplySchemaAsync()
    {
        using var apply = Process.Start(Info("db-apply")) ?? throw new InvalidOperationException("dotnet did not start");
        var output = apply.StandardOutput.ReadToEndAsync();
        var errors = apply.StandardError.ReadToEndAsync();
        await apply.WaitForExitAsync();
        await File.WriteAllTextAsync(Path.Combine(work, "db-apply.log"), await output + await errors);
        if (apply.ExitCode != 0) throw new InvalidOperationException($"db-apply exited with {apply.ExitCode} (log in {work})");
    }

    private ProcessStartInfo Info(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["INTERVIEW_DB"] = database;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Interview__DataDirectory"] = Path.Combine(work, "data");
        start.Environment["Auth__ExposeVerificationToken"] = "true";
        start.Environment["Auth__SigningKey"] = "crash-soak signing key, only for this throwaway run";
        start.Environment.TryAdd("Logging__LogLevel__Wolverine", "Information");
        return start;
    }

    public Task StartAsync()
    {
        Starts++;
        ready = false;
        var log = Path.Combine(work, $"api-{Starts:00}.log");
        var start = Info("--contentRoot", Path.GetDirectoryName(app)!, "--urls", BaseAddress.ToString());
        var writer = TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    public async Task WaitReadyAsync()
    {
        if (ready) return;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process!.HasExited) throw new InvalidOperationException($"the API exited with {process.ExitCode} before it was ready (logs in {work})");
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/health/ready"))).StatusCode == HttpStatusCode.OK) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (deadline.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException("the API was not ready after 120 s");
            await Task.Delay(50);
        }
        Interlocked.Exchange(ref readyAtTicks, DateTimeOffset.UtcNow.UtcTicks);
        ready = Up = true;
    }

    /// <summary>The managed stacks of the running API (dotnet-stack, when installed as a global tool) into the work folder.</summary>
    public async Task<string?> DumpStacksAsync()
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-stack");
        if (process is null || process.HasExited || !File.Exists(tool)) return null;
        var path = Path.Combine(work, "stacks.txt");
        using var dump = Process.Start(new ProcessStartInfo(tool, $"report -p {process.Id}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = dump.StandardOutput.ReadToEndAsync();
        await dump.WaitForExitAsync();
        await File.WriteAllTextAsync(path, await output);
        return path;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, the node's rows stay behind.</summary>
    public void Kill()
    {
        Up = false;
        Interlocked.Exchange(ref readyAtTicks, DateTimeOffset.MaxValue.UtcTicks);
        process!.Kill();
        process.WaitForExit();
    }

    public async Task StopGracefullyAsync()
    {
        Up = false;
        using var term = Process.Start("kill", ["-TERM", process!.Id.ToString()]);
        await term.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false }) await StopGracefullyAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Candidates as a careful client: every failed request is retried, answers with the same idempotency key.</summary>
public sealed class SoakClient(ApiProcess api)
{
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(60);
    private static readonly string[] Answers =
    [
        "I led the migration of our billing service to PostgreSQL, measured latency before and after, and cut p95 by 40 percent.",
        "I would start by clarifying requirements, then put a cache in front of the database and a queue for slow work; the trade-off is consistency.",
        "We had a production incident with a memory leak; I reproduced it with a load test, found the unbounded cache and added eviction.",
        "I use indexes that match the query's filter and sort, check the plan with explain analyze, and avoid offset paging on large tables.",
        "When two teams disagreed on an API design, I wrote down both options with their costs and we chose by the measured numbers.",
        "Idempotency keys make retries safe: the server stores the key with the result and returns the first result for a repeat."
    ];

    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        BaseAddress = api.BaseAddress,
        Timeout = TimeSpan.FromSeconds(45)
    };
    private long longestWaitTicks;
    private readonly ConcurrentBag<double> waits = [];
    private string longestWaitWhat = "";
    private int interviews;

    public ConcurrentDictionary<string, bool> Acknowledged { get; } = new();
    public ConcurrentBag<string> Stuck { get; } = [];
    public ConcurrentBag<string> ReportsMissing { get; } = [];
    public TimeSpan LongestWait => TimeSpan.FromTicks(Interlocked.Read(ref longestWaitTicks));
    public string LongestWaitWhat => longestWaitWhat;

    public string WaitPercentiles()
    {
        var sorted = waits.Order().ToArray();
        double P(double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return $"turn waits p50 {P(0.5):0.00} s, p95 {P(0.95):0.00} s, p99 {P(0.99):0.00} s over {sorted.Length} turns";
    }
    public int Interviews => interviews;

    public async Task CandidateAsync(int index, Task killsDone)
    {
        var password = "crash soak password 1";
        string email;
        while (true)
        {
            email = $"soak{index}-{Guid.NewGuid():N}@interview.test";
            var signup = await SendAsync(null, HttpMethod.Post, "/api/v1/auth/signup", new { email, password, displayName = $"Soak {index}" });
            if (signup.Status != 201) continue; // the first try's response was lost: a new address
            var token = signup.Body.GetProperty("verificationToken").GetString();
            var verify = await SendAsync(null, HttpMethod.Post, "/api/v1/auth/verify", new { email, token });
            if (verify.Status == 204) break;
        }
        var session = new Session(email, password);
        do
        {
            await InterviewAsync(session);
        } while (!killsDone.IsCompleted);
    }

    private async Task InterviewAsync(Session session)
    {
        Interlocked.Increment(ref interviews);
        var created = await SendAsync(session, HttpMethod.Post, "/api/v1/interviews", new
        {
            track = "backend", role = "Backend Engineer", level = "mid", type = "mixed", difficulty = "medium",
            companyStyle = "general", techStack = new[] { "c#", "postgresql" }, questionCount = 3
        });
        if (created.Status != 201) throw new InvalidOperationException($"create: {created.Status} {created.Body}");
        var id = created.Body.GetProperty("id").GetGuid();
        await Expect(await SendAsync(session, HttpMethod.Post, $"/api/v1/interviews/{id}/start", null), "start", 202, 409);
        var owedSince = DateTimeOffset.UtcNow;

        for (var answer = 0; ; answer++)
        {
            var view = await WaitForTurnAsync(session, id, owedSince);
            if (view is null) return;
            if (view.Value.GetProperty("awaiting").GetString() != "candidate") break;
            var key = $"{id:N}-{answer}";
            var text = $"{Answers[(answer + id.GetHashCode() % 3 + 3) % Answers.Length]} (answer {answer})";
            await Expect(await SendAsync(session, HttpMethod.Post, $"/api/v1/interviews/{id}/answers", new { text, idempotencyKey = key }), "answer", 202);
            Acknowledged[key] = true;
            owedSince = DateTimeOffset.UtcNow;
        }

        await Expect(await SendAsync(session, HttpMethod.Post, $"/api/v1/interviews/{id}/finalize", null), "finalize", 202, 409);
        var deadline = Stopwatch.StartNew();
        while ((await SendAsync(session, HttpMethod.Get, $"/api/v1/interviews/{id}/report", null)).Status != 200)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                ReportsMissing.Add($"report missing for {id}");
                return;
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Waits for the interviewer; records how long a turn took counted from the later of the request and the API being ready.</summary>
    private async Task<JsonElement?> WaitForTurnAsync(Session session, Guid id, DateTimeOffset owedSince)
    {
        while (true)
        {
            var result = await SendAsync(session, HttpMethod.Get, $"/api/v1/interviews/{id}?waitForTurn=2", null);
            var now = DateTimeOffset.UtcNow;
            if (result.Status != 200) throw new InvalidOperationException($"get: {result.Status} {result.Body}");
            if (result.Body.GetProperty("awaiting").GetString() != "interviewer")
            {
                // Seen before the driver saw the restarted API ready: it waited on no ready API.
                var readyAt = api.ReadyAt;
                var waited = readyAt > now ? TimeSpan.Zero : now - Max(owedSince, readyAt);
                waits.Add(waited.TotalSeconds);
                lock (waits)
                {
                    if (waited.Ticks > longestWaitTicks)
                    {
                        longestWaitTicks = waited.Ticks;
                        longestWaitWhat = $"interview {id}: owed since {owedSince:HH:mm:ss.fff}, API ready at {readyAt:HH:mm:ss.fff}, turn seen {now:HH:mm:ss.fff}";
                    }
                }
                return result.Body;
            }
            if (api.Up && now - Max(owedSince, api.ReadyAt) > StuckAfter)
            {
                Stuck.Add($"interview {id} waited more than {StuckAfter.TotalSeconds:0} s for a turn (status {result.Body.GetProperty("status")})");
                return null;
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static Task Expect((int Status, JsonElement Body) result, string what, params int[] statuses) =>
        statuses.Contains(result.Status) ? Task.CompletedTask : throw new InvalidOperationException($"{what}: {result.Status} {result.Body}");

    private sealed class Session(string email, string password)
    {
        public string Email { get; } = email;
        public string Password { get; } = password;
        public string? Token { get; set; }
    }

    /// <summary>Sends until the server answers below 500; a lost connection or a timeout is retried with the same body.</summary>
    private async Task<(int Status, JsonElement Body)> SendAsync(Session? session, HttpMethod method, string url, object? body)
    {
        while (true)
        {
            try
            {
                if (session is { Token: null }) session.Token = await LoginAsync(session);
                using var request = new HttpRequestMessage(method, url);
                if (body is not null) request.Content = JsonContent.Create(body);
                if (session is not null) request.Headers.Authorization = new("Bearer", session.Token);
                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status == 401 && session is not null) { session.Token = null; continue; }
                if (status >= 500 || status == 429) { await Task.Delay(200); continue; }
                var text = await response.Content.ReadAsStringAsync();
                return (status, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                await Task.Delay(200);
            }
        }
    }

    private async Task<string?> LoginAsync(Session session)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = session.Email, password = session.Password });
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests) throw new HttpRequestException("login unavailable");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
    }
}
