using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Interview.Benchmarks;

/// <summary>
/// Cold loads of the dashboard in headless Chromium (Debian's /usr/bin/chromium driven by Playwright) against the
/// published app (COLD_START_APP) in Production mode, signed in as a candidate with reported interviews. Each load uses a
/// new browser context, so nothing is cached. Transfer: the compressed bodies (Resource Timing's encodedBodySize) of the
/// document and of every response the dashboard needs, fonts excluded. Interactive: navigation start until the
/// dashboard's data is rendered (statistics from /me/dashboard and the AI badge from /ai/status in the DOM) and a control
/// responds (Playwright clicks the theme toggle as soon as the data is there, and the page records when the theme
/// switched), both read from the page's performance.now(); the click's own round trip through Playwright is included.
/// </summary>
public static class FirstLoad
{
    private const double TargetKilobytes = 150;
    private const double TargetInteractiveMs = 1000;
    private static readonly string[] FontExtensions = [".woff2", ".woff", ".ttf", ".otf", ".eot"];

    public static async Task<int> RunAsync(string[] args)
    {
        var appDirectory = Environment.GetEnvironmentVariable("COLD_START_APP")
                           ?? throw new InvalidOperationException("COLD_START_APP must name the published app's folder (benchmarks/run.sh sets it)");
        var connectionString = Environment.GetEnvironmentVariable("INTERVIEW_DB")
                               ?? throw new InvalidOperationException("INTERVIEW_DB must be set (benchmarks/run.sh starts a throwaway PostgreSQL)");
        var loads = args.Length > 1 ? int.Parse(args[1]) : 9;
        var logDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"interview-first-load-{Guid.NewGuid():N}")).FullName;
        var signingKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());

        await ColdStart.AppProcess.ApplySchemaAsync(appDirectory, connectionString, Path.Combine(logDirectory, "db-apply.log"));
        await using var app = ColdStart.AppProcess.Start(appDirectory, connectionString, signingKey, Path.Combine(logDirectory, "app.log"));
        await app.WaitUntilReadyAsync();
        var session = await CandidateWithReportsAsync(app.Client, reports: 2);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
        });
        Console.WriteLine($"first-load: {loads} cold loads of the dashboard (a new browser context each, after one unmeasured load), headless Chromium " +
                          $"{browser.Version}, published app in Production, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        await LoadAsync(browser, app.Client.BaseAddress!, session);
        var results = new List<Load>();
        for (var i = 0; i < loads; i++) results.Add(await LoadAsync(browser, app.Client.BaseAddress!, session));

        var first = results[0];
        Console.WriteLine();
        Console.WriteLine($"what the dashboard loaded (load 1; bytes: compressed body / decoded body; ms after navigation start: requested -> received):");
        foreach (var r in first.Resources)
            Console.WriteLine($"  {r.Path,-44} {r.Initiator,-10} {r.Encoding ?? "identity",-8} {r.Encoded,7:N0} / {r.Decoded,7:N0}   {r.StartMs,6:0} -> {r.EndMs,6:0}");
        Console.WriteLine($"  data rendered at {first.RenderedMs:0} ms, theme toggle clicked by Playwright and switched at {first.InteractiveMs:0} ms");
        var files = first.Resources.Where(r => !r.Path.StartsWith("/api/")).ToList();
        var api = first.Resources.Where(r => r.Path.StartsWith("/api/")).ToList();
        var total = first.Resources.Sum(r => r.Encoded);
        Console.WriteLine($"  app files {files.Count}: {files.Sum(r => r.Encoded):N0} B compressed ({files.Sum(r => r.Decoded):N0} B decoded); " +
                          $"API data {api.Count}: {api.Sum(r => r.Encoded):N0} B compressed; with response headers: {first.Resources.Sum(r => r.Transfer):N0} B");
        Console.WriteLine();

        double Median(Func<Load, double> of) => results.Select(of).Order().ElementAt(results.Count / 2);
        Console.WriteLine($"data rendered (ms after navigation start): median {Median(l => l.RenderedMs):0}   min {results.Min(l => l.RenderedMs):0}   max {results.Max(l => l.RenderedMs):0}");
        Console.WriteLine($"interactive   (ms after navigation start): median {Median(l => l.InteractiveMs):0}   min {results.Min(l => l.InteractiveMs):0}   max {results.Max(l => l.InteractiveMs):0}" +
                          $"   (each: {string.Join(", ", results.Select(l => l.InteractiveMs.ToString("0")))})");
        Console.WriteLine($"first-load transfer (compressed bodies, fonts excluded; none are loaded): {total / 1024.0:0.0} KB   target <= {TargetKilobytes:0} KB: {Verdict(total / 1024.0 <= TargetKilobytes)}");
        Console.WriteLine($"time to interactive, median: {Median(l => l.InteractiveMs):0} ms   target <= {TargetInteractiveMs:0} ms: {Verdict(Median(l => l.InteractiveMs) <= TargetInteractiveMs)}");
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        return 0;
    }

    private sealed record Resource(string Path, string Initiator, string? Encoding, long Encoded, long Decoded, long Transfer, double StartMs, double EndMs);

    private sealed record Load(double RenderedMs, double InteractiveMs, List<Resource> Resources);

    private static async Task<Load> LoadAsync(IBrowser browser, Uri baseAddress, string session)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        // Signed in as the app keeps a session (localStorage), and a record of when the dashboard's data first appears.
        await context.AddInitScriptAsync($$"""
            localStorage.setItem('interview.session', {{JsonSerializer.Serialize(session)}});
            new MutationObserver((_, observer) => {
              if (document.querySelector('main .stats') && document.querySelector('#ai-badge .badge')) {
                window.__dashboardRenderedAt = performance.now();
                observer.disconnect();
              }
            }).observe(document, { childList: true, subtree: true });
            new MutationObserver((records, observer) => {
              if (!records.some(r => r.target === document.documentElement && r.attributeName === 'data-theme')) return;
              window.__themeSwitchedAt = performance.now();
              observer.disconnect();
            }).observe(document, { attributes: true, attributeFilter: ['data-theme'], subtree: true });
            """);
        var page = await context.NewPageAsync();
        var encodings = new Dictionary<string, string?>();
        page.Response += (_, response) => encodings[new Uri(response.Url).PathAndQuery] = response.Headers.GetValueOrDefault("content-encoding");

        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => window.__dashboardRenderedAt !== undefined");
        await page.ClickAsync(".theme-toggle");
        await page.WaitForFunctionAsync("() => window.__themeSwitchedAt !== undefined");
        var interactive = await page.EvaluateAsync<double>("() => window.__themeSwitchedAt");
        var rendered = await page.EvaluateAsync<double>("() => window.__dashboardRenderedAt");

        var entries = await page.EvaluateAsync<JsonElement>("""
            () => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
                   .map(e => ({ name: e.name, initiator: e.initiatorType, encoded: e.encodedBodySize, decoded: e.decodedBodySize, transfer: e.transferSize,
                                start: e.startTime, end: e.responseEnd }))
            """);
        var resources = entries.EnumerateArray()
            .Select(e => (Url: new Uri(e.GetProperty("name").GetString()!), e))
            .Where(x => !FontExtensions.Any(ext => x.Url.AbsolutePath.EndsWith(ext, StringComparison.OrdinalIgnoreCase)))
            .Select(x => new Resource(x.Url.PathAndQuery, x.e.GetProperty("initiator").GetString()!, encodings.GetValueOrDefault(x.Url.PathAndQuery),
                x.e.GetProperty("encoded").GetInt64(), x.e.GetProperty("decoded").GetInt64(), x.e.GetProperty("transfer").GetInt64(),
                x.e.GetProperty("start").GetDouble(), x.e.GetProperty("end").GetDouble()))
            .ToList();
        return new Load(rendered, interactive, resources);
    }

    /// <summary>A verified candidate with finished, reported interviews; returns the session the web app keeps in localStorage.</summary>
    private static async Task<string> CandidateWithReportsAsync(HttpClient http, int reports)
    {
        var email = $"first-load-{Guid.NewGuid():N}@interview.test";
        const string password = "benchmark password";
        var signup = await SendAsync(http, HttpMethod.Post, "/api/v1/auth/signup", null, new { email, password, displayName = "First Load" }, 201);
        await SendAsync(http, HttpMethod.Post, "/api/v1/auth/verify", null, new { email, token = signup.GetProperty("verificationToken").GetString() }, 204);
        var login = await SendAsync(http, HttpMethod.Post, "/api/v1/auth/login", null, new { email, password }, 200);
        var token = login.GetProperty("accessToken").GetString()!;
        for (var i = 0; i < reports; i++)
        {
            var id = (await SendAsync(http, HttpMethod.Post, "/api/v1/interviews", token, new
            {
                track = "backend", role = "Backend Engineer", level = "mid", type = "mixed", difficulty = "medium",
                companyStyle = "general", techStack = new[] { "c#", "postgresql" }, questionCount = 3
            }, 201)).GetProperty("id").GetGuid();
            await SendAsync(http, HttpMethod.Post, $"/api/v1/interviews/{id}/start", token, null, 202);
            for (var answers = 0; ; answers++)
            {
                var view = await SendAsync(http, HttpMethod.Get, $"/api/v1/interviews/{id}?waitForTurn=10", token, null, 200);
                if (view.GetProperty("awaiting").GetString() != "candidate") break;
                if (answers > 20) throw new InvalidOperationException("the interview did not close after 20 answers");
                await SendAsync(http, HttpMethod.Post, $"/api/v1/interviews/{id}/answers", token, new
                {
                    text = "First I would clarify requirements, then use a cache and a queue because it reduces latency by 40%; the trade-off " +
                           "is consistency. When I was at my previous company I built this and I learned to measure first."
                }, 202);
            }
            await SendAsync(http, HttpMethod.Post, $"/api/v1/interviews/{id}/finalize", token, null, 202);
            var waited = Stopwatch.StartNew();
            while ((await http.SendAsync(Request(HttpMethod.Get, $"/api/v1/interviews/{id}/report", token, null))).StatusCode != System.Net.HttpStatusCode.OK)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("no report 30 s after finalize");
                await Task.Delay(50);
            }
        }
        return JsonSerializer.Serialize(new
        {
            accessToken = token,
            refreshToken = login.TryGetProperty("refreshToken", out var refresh) ? refresh.GetString() : null,
            expiresAt = login.GetProperty("expiresAt").GetString(),
            user = login.GetProperty("user")
        });
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static HttpRequestMessage Request(HttpMethod method, string url, string? token, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string url, string? token, object? body, int expected)
    {
        using var response = await http.SendAsync(Request(method, url, token, body));
        var content = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != expected)
            throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}, expected {expected}: {content}");
        return content.Length == 0 ? default : JsonDocument.Parse(content).RootElement.Clone();
    }
}
