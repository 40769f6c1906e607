using Microsoft.Extensions.Logging;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Interview.Api.Questions;
using Interview.Domain.Questions;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Interview.Tests.Hosting;
using Shouldly;
using Wolverine;

namespace Interview.Tests.Web;

/// <summary>
/// The app on a real Kestrel port (a browser needs a socket; Alba's TestServer has none), on a database of its own,
/// with the strict CSP the product ships, plus one headless Debian Chromium driven by Playwright. It shares the "api"
/// collection: hosts must start one after another, because Hangfire.AspNetCore registers JobStorage from the process-wide
/// JobStorage.Current, so two hosts starting at once can capture each other's storage.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string AdminEmail = "webadmin@interview.test";
    public const string Password = "correct horse battery";
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    private WebApplicationFactory<Program> factory = null!;
    private IPlaywright playwright = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => factory.Services;

    public static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Interview.sln"))) dir = dir.Parent;
            var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async ValueTask InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var connection = await LlmAppFixture.EnsureDatabaseAsync("interview_web");
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Interview"] = connection,
                ["Auth:BootstrapAdminEmail"] = AdminEmail,
                ["Auth:ExposeVerificationToken"] = "true",
                ["Interview:DataDirectory"] = Path.Combine(Path.GetTempPath(), "interview-web-tests-data")
            }.Concat(TestSettings.RaisedRateLimits)));
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.AddSingleton<IStartupFilter, StrictCsp>();
                if (Environment.GetEnvironmentVariable("INTERVIEW_TEST_LOG") is { Length: > 0 } log)
                    services.AddLogging(logging => logging.AddProvider(new Interview.Tests.Hosting.FileLoggerProvider(log + ".web")));
            });
        });
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Select(a => a.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1")).First().TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };

        // Paused around the reset: a daemon already running on a reused database would otherwise keep its progress past the
        // restarted event sequence and never project the new events.
        await factory.Services.ResetAllMartenDataAsync();
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        await QuestionBankSeeder.SeedAsync(store, factory.Services.GetRequiredService<QuestionBank>(), CancellationToken.None);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        Http?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
    }

    /// <summary>A page that fails the test on any CSP violation or uncaught script error.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("Failed to load resource")) errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        return (context, page, errors);
    }

    /// <summary>Logs in through the login page and waits for the dashboard.</summary>
    public static async Task LogInAsync(IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    /// <summary>Signs up, verifies and logs in through the API; returns the user's id and access token.</summary>
    public async Task<(Guid Id, string Token)> UserAsync(string email)
    {
        var signup = await Http.PostAsJsonAsync("/api/v1/auth/signup", new { email, password = Password, displayName = email.Split('@')[0] });
        signup.EnsureSuccessStatusCode();
        var body = await signup.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        (await Http.PostAsJsonAsync("/api/v1/auth/verify", new { email, token = body!["verificationToken"].ToString() })).EnsureSuccessStatusCode();
        return await LoginAsync(email);
    }

    public async Task<(Guid Id, string Token)> LoginAsync(string email)
    {
        var login = await Http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var json = await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (json.GetProperty("user").GetProperty("id").GetGuid(), json.GetProperty("accessToken").GetString()!);
    }

    public HttpRequestMessage Request(HttpMethod method, string url, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    public async Task<System.Text.Json.JsonElement> SendAsync(HttpMethod method, string url, string token, object? body = null)
    {
        using var response = await Http.SendAsync(Request(method, url, token, body));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{method} {url} -> {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    private sealed class StrictCsp : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, Func<Task> nextMiddleware) =>
            {
                context.Response.OnStarting(() =>
                {
                    if (!context.Response.Headers.ContainsKey("Content-Security-Policy"))
                        context.Response.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
                    return Task.CompletedTask;
                });
                await nextMiddleware();
            });
            next(app);
        };
    }
}

/// <summary>
/// The browser and live-stream tests run in a test process of their own (test.sh runs them second): Hangfire and
/// OpenTelemetry keep process-wide state, and sharing a process with the API suite's hosts made them flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web";
    public const string Category = "Browser";
}
