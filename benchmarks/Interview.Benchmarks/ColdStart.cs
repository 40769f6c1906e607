using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Interview.Benchmarks;

/// <summary>
/// Starts the published app (COLD_START_APP) in Production mode several times against an initialised database and
/// measures the time from process start to /health/ready 200, the process RSS at ready, when idle and after load,
/// and the latency of the first request to each endpoint and handler path against the hundredth.
/// </summary>
public static class ColdStart
{

    public static async Task<int> RunAsync(string[] args)
    {
        var appDirectory = Environment.GetEnvironmentVariable("COLD_START_APP")
                           ?? throw new InvalidOperationException("COLD_START_APP must name the published app's folder (benchmarks/run.sh sets it)");
        var connectionString = Environment.GetEnvironmentVariable("INTERVIEW_DB")
                               ?? throw new InvalidOperationException("INTERVIEW_DB must be set (benchmarks/run.sh starts a throwaway PostgreSQL)");
        var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
        var idleSeconds = int.TryParse(Environment.GetEnvironmentVariable("COLD_START_IDLE_SECONDS"), out var idle) ? idle : 45;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("COLD_START_ITERATIONS"), out var n) ? Math.Max(n, 20) : 110;
        var logDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"interview-cold-start-{Guid.NewGuid():N}")).FullName;
        var signingKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());

        AppProcess Launch(string name) => AppProcess.Start(appDirectory, connectionString, signingKey, Path.Combine(logDirectory, $"{name}.log"));

        // An initialised database: db-apply creates the schema as a deployment would; one scenario also warms this client's own code.
        var schemaApplied = await AppProcess.ApplySchemaAsync(appDirectory, connectionString, Path.Combine(logDirectory, "db-apply.log"));
        await using (var first = Launch("initialise"))
        {
            var initialised = await first.WaitUntilReadyAsync();
            await new Scenario(first.Client, "init").RunAsync(new Timings());
            Console.WriteLine($"cold-start: {appDirectory} (Release, ASPNETCORE_ENVIRONMENT=Production), {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            Console.WriteLine($"  db-apply on an empty database: {schemaApplied.TotalSeconds:0.00} s; first start after it: {initialised.TotalSeconds:0.00} s to ready; logs in {logDirectory}");
        }

        var ready = new List<double>();
        var rssAtReady = new List<double>();
        var cpuAtReady = new List<double>();
        double rssIdle = 0, rssLoaded = 0;
        var timings = new Timings();
        for (var run = 1; run <= runs; run++)
        {
            await using var app = Launch($"run-{run}");
            ready.Add((await app.WaitUntilReadyAsync()).TotalSeconds);
            cpuAtReady.Add(app.CpuSeconds());
            rssAtReady.Add(app.RssMegabytes());
            Console.WriteLine($"  run {run}: ready in {ready[^1]:0.00} s, {cpuAtReady[^1]:0.00} s of CPU, RSS {rssAtReady[^1]:0} MB");
            if (run < runs) continue;

            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            rssIdle = app.RssMegabytes();
            var scenario = new Scenario(app.Client, $"run{run}");
            for (var i = 0; i < iterations; i++)
            {
                await scenario.RunAsync(timings);
                if (i == 0) timings.PrintFirst();
            }
            rssLoaded = app.RssMegabytes();
        }

        ready.Sort();
        rssAtReady.Sort();
        cpuAtReady.Sort();
        var median = ready[ready.Count / 2];
        Console.WriteLine($"  load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} (wall times stretch when other processes want the cores; CPU time does less)");
        Console.WriteLine();
        Console.WriteLine($"start -> /health/ready 200 ({runs} starts): min {ready[0]:0.00} s   median {median:0.00} s   max {ready[^1]:0.00} s   target median <= 1.5 s: {Verdict(median <= 1.5)}");
        Console.WriteLine($"CPU time to ready (user + system, all threads): min {cpuAtReady[0]:0.00} s   median {cpuAtReady[cpuAtReady.Count / 2]:0.00} s   max {cpuAtReady[^1]:0.00} s");
        Console.WriteLine($"RSS at ready: min {rssAtReady[0]:0} MB   median {rssAtReady[rssAtReady.Count / 2]:0} MB   max {rssAtReady[^1]:0} MB");
        Console.WriteLine($"RSS idle {idleSeconds} s after ready: {rssIdle:0} MB   target <= 200 MB: {Verdict(rssIdle <= 200)}");
        Console.WriteLine($"RSS after {iterations} interviews (signup to report): {rssLoaded:0} MB");
        Console.WriteLine();
        timings.Print();
        return 0;
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    /// <summary>Latencies of each endpoint and handler path, in call order.</summary>
    private sealed class Timings
    {
        private readonly Dictionary<string, List<double>> calls = new();

        public void Add(string name, TimeSpan elapsed)
        {
            if (!calls.TryGetValue(name, out var list)) calls[name] = list = [];
            list.Add(elapsed.TotalMilliseconds);
        }

        public void PrintFirst()
        {
            Console.WriteLine($"  first calls after idling (ms): {string.Join(", ", calls.Select(c => $"{c.Key} {c.Value[0]:0}"))}");
        }

        public void Print()
        {
            var last = Math.Min(100, calls.Values.Min(l => l.Count));
            Console.WriteLine($"first call vs call {last} after a start (ms; warm = median of the last 20 calls; target: the 1st as fast as the 100th)");
            Console.WriteLine($"  {"endpoint or handler path",-52} {"1st",7} {"2nd",7} {"10th",7} {$"{last}th",7} {"warm",7}  1st/warm");
            var worst = 0.0;
            foreach (var (name, list) in calls)
            {
                var warm = list.TakeLast(20).Order().ElementAt(Math.Min(10, list.Count / 2));
                var ratio = list[0] / warm;
                worst = Math.Max(worst, ratio);
                Console.WriteLine($"  {name,-52} {list[0],7:0.0} {list[1],7:0.0} {list[9],7:0.0} {list[last - 1],7:0.0} {warm,7:0.0}  {ratio,6:0.0}x");
            }
            Console.WriteLine($"  slowest first call: {worst:0.0}x its warm latency");
        }
    }

    /// <summary>One candidate's path through the product: account, a 3-question interview answered to the end, its report, a prep pack and the reads around them.</summary>
    private sealed class Scenario(HttpClient client, string prefix)
    {
        private int count;

        public async Task RunAsync(Timings timings)
        {
            var email = $"cold-{prefix}-{++count}-{Guid.NewGuid():N}@interview.test";
            const string password = "benchmark password";
            var signup = await Send(timings, "POST /auth/signup", HttpMethod.Post, "/api/v1/auth/signup", null, new { email, password, displayName = "Bench" }, 201);
            var verification = signup.GetProperty("verificationToken").GetString();
            await Send(timings, "POST /auth/verify", HttpMethod.Post, "/api/v1/auth/verify", null, new { email, token = verification }, 204);
            var login = await Send(timings, "POST /auth/login", HttpMethod.Post, "/api/v1/auth/login", null, new { email, password }, 200);
            var token = login.GetProperty("accessToken").GetString()!;
            await Send(timings, "GET /me", HttpMethod.Get, "/api/v1/me", token, null, 200);
            await Send(timings, "GET /questions?track=backend", HttpMethod.Get, "/api/v1/questions?track=backend", token, null, 200);

            var created = await Send(timings, "POST /interviews", HttpMethod.Post, "/api/v1/interviews", token, new
            {
                track = "backend", role = "Backend Engineer", level = "mid", type = "mixed", difficulty = "medium",
                companyStyle = "amazon", techStack = new[] { "c#", "postgresql" }, questionCount = 3
            }, 201);
            var id = created.GetProperty("id").GetGuid();
            var interview = $"/api/v1/interviews/{id}";
            await Send(timings, "POST /interviews/{id}/start", HttpMethod.Post, $"{interview}/start", token, null, 202);
            await TurnAsync(timings, "handlers: start -> first turn visible", interview, token);

            var answers = 0;
            while (true)
            {
                var view = await Send(timings, "GET /interviews/{id}?waitForTurn=10", HttpMethod.Get, $"{interview}?waitForTurn=10", token, null, 200);
                if (view.GetProperty("awaiting").GetString() != "candidate") break;
                if (++answers > 20) throw new InvalidOperationException("the interview did not close after 20 answers");
                await Send(timings, answers == 1 ? "POST /interviews/{id}/answers" : "POST /interviews/{id}/answers (later)", HttpMethod.Post, $"{interview}/answers", token, new
                {
                    text = "First I would clarify requirements, then use a cache and a queue because it reduces latency by 40%; the trade-off is consistency. " +
                           "When I was at my previous company I built this and I learned to measure first."
                }, 202);
                await TurnAsync(timings, answers == 1 ? "handlers: answer -> next turn visible" : "handlers: answer -> next turn visible (later)", interview, token);
            }

            await Send(timings, "POST /interviews/{id}/finalize", HttpMethod.Post, $"{interview}/finalize", token, null, 202);
            var watch = Stopwatch.StartNew();
            while (await Status(HttpMethod.Get, $"{interview}/report", token) != HttpStatusCode.OK)
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("no report 30 s after finalize");
                await Task.Delay(5);
            }
            timings.Add("handlers+job: finalize -> report ready", watch.Elapsed);
            await Send(timings, "GET /interviews/{id}/report", HttpMethod.Get, $"{interview}/report", token, null, 200);
            await Send(timings, "GET /interviews (history)", HttpMethod.Get, "/api/v1/interviews?sort=-date", token, null, 200);
            await Send(timings, "GET /me/statistics", HttpMethod.Get, "/api/v1/me/statistics", token, null, 200);
            await Send(timings, "GET /me/dashboard", HttpMethod.Get, "/api/v1/me/dashboard", token, null, 200);
            await Send(timings, "POST /prep", HttpMethod.Post, "/api/v1/prep", token, new { company = "amazon", jobTitle = "Backend Engineer" }, 201);
        }

        /// <summary>Time from the command's 202 until the interviewer's turn is in the candidate's view (polled every 5 ms).</summary>
        private async Task TurnAsync(Timings timings, string name, string interview, string token)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                using var response = await client.SendAsync(Request(HttpMethod.Get, interview, token, null));
                var view = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (view.GetProperty("awaiting").GetString() != "interviewer") break;
                if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{name}: no turn after 30 s");
                await Task.Delay(5);
            }
            timings.Add(name, watch.Elapsed);
        }

        private async Task<JsonElement> Send(Timings timings, string name, HttpMethod method, string url, string? token, object? body, int expected)
        {
            using var request = Request(method, url, token, body);
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            watch.Stop();
            var content = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != expected)
                throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}, expected {expected}: {content}");
            timings.Add(name, watch.Elapsed);
            return content.Length == 0 ? default : JsonDocument.Parse(content).RootElement.Clone();
        }

        private async Task<HttpStatusCode> Status(HttpMethod method, string url, string token)
        {
            using var response = await client.SendAsync(Request(method, url, token, null));
            return response.StatusCode;
        }

        private static HttpRequestMessage Request(HttpMethod method, string url, string? token, object? body)
        {
            var request = new HttpRequestMessage(method, url);
            if (token is not null) request.Headers.Authorization = new("Bearer", token);
            if (body is not null) request.Content = JsonContent.Create(body);
            return request;
        }
    }

    /// <summary>The published app as a child process: `dotnet Interview.Api.dll` in Production mode on a free port.</summary>
    internal sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly StreamWriter log;
        private readonly long startedAt;

        private AppProcess(Process process, StreamWriter log, string url, long startedAt)
        {
            this.process = process;
            this.log = log;
            this.startedAt = startedAt;
            Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        }

        public HttpClient Client { get; }

        public int Id => process.Id;

        public bool HasExited => process.HasExited;

        /// <summary>SIGKILL: the node dies without shutting anything down, as in a crash.</summary>
        public void Kill() => _ = kill(process.Id, 9);

        /// <summary>
        /// `dotnet Interview.Api.dll db-apply`, as a deployment runs it before starting the app (Production applies no
        /// schema changes at start). Returns how long it took.
        /// </summary>
        public static async Task<TimeSpan> ApplySchemaAsync(string appDirectory, string connectionString, string logPath)
        {
            var info = Info(appDirectory, connectionString, "db-apply-only", logPath, "db-apply");
            var startedAt = Stopwatch.GetTimestamp();
            using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await File.WriteAllTextAsync(logPath, await output + await errors);
            if (process.ExitCode != 0) throw new InvalidOperationException($"db-apply exited with {process.ExitCode}; see {logPath}");
            return Stopwatch.GetElapsedTime(startedAt);
        }

        private static ProcessStartInfo Info(string appDirectory, string connectionString, string signingKey, string logPath, params string[] arguments)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = appDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false
            };
            info.ArgumentList.Add(Path.Combine(appDirectory, "Interview.Api.dll"));
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Logging__") || k.StartsWith("DOTNET_ENVIRONMENT")).ToArray())
                info.Environment.Remove(key);
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["ConnectionStrings__Interview"] = connectionString;
            info.Environment["Auth__SigningKey"] = signingKey;
            // The benchmark reads the verification token from the signup response instead of the log.
            info.Environment["Auth__ExposeVerificationToken"] = "true";
            info.Environment["Interview__DataDirectory"] = Path.Combine(Path.GetDirectoryName(logPath)!, "data");
            return info;
        }

        public static AppProcess Start(string appDirectory, string connectionString, string signingKey, string logPath,
            IReadOnlyDictionary<string, string>? settings = null)
        {
            var url = $"http://127.0.0.1:{FreePort()}";
            var info = Info(appDirectory, connectionString, signingKey, logPath, "--urls", url);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
            var log = new StreamWriter(logPath) { AutoFlush = true };
            var startedAt = Stopwatch.GetTimestamp();
            var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
            DataReceivedEventHandler write = (_, e) =>
            {
                if (e.Data is null) return;
                lock (log) if (log.BaseStream is not null) log.WriteLine(e.Data);
            };
            process.OutputDataReceived += write;
            process.ErrorDataReceived += write;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new AppProcess(process, log, url, startedAt);
        }

        public async Task<TimeSpan> WaitUntilReadyAsync()
        {
            using var probe = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"the app exited with {process.ExitCode} before it was ready");
                try
                {
                    using var response = await probe.GetAsync("/health/ready");
                    if (response.StatusCode == HttpStatusCode.OK) return Stopwatch.GetElapsedTime(startedAt);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
                if (Stopwatch.GetElapsedTime(startedAt) > TimeSpan.FromSeconds(60)) throw new TimeoutException("not ready after 60 s");
                await Task.Delay(10);
            }
        }

        /// <summary>Resident set size of the app's process (the dotnet host runs the app in-process).</summary>
        /// <summary>User and system CPU seconds the process has used (from /proc; clock ticks of 10 ms).</summary>
        public double CpuSeconds()
        {
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }

        public double RssMegabytes()
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:"));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }

        /// <summary>SIGTERM, as an orchestrator stops it, so the next start finds no dead node to recover.</summary>
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (!process.HasExited)
            {
                _ = kill(process.Id, 15);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            process.Dispose();
            lock (log) log.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);
    }
}
