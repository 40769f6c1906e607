using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using WebDriverBiDi;
using WebDriverBiDi.BrowsingContext;
using WebDriverBiDi.Input;
using WebDriverBiDi.Log;
using WebDriverBiDi.Network;
using WebDriverBiDi.Script;
using WebDriverBiDi.Session;

namespace Interview.Tests.Web;

/// <summary>
/// Debian's Firefox ESR, headless on a fresh profile, driven over WebDriver BiDi (Playwright needs a patched Firefox
/// build of its own, which cannot be installed here). Clicks and typing are real input actions; waits poll a script
/// with a deadline. Console errors, uncaught exceptions and CSP violations of the page are collected in <see cref="Errors"/>.
/// </summary>
public sealed partial class FirefoxBrowser : IAsyncDisposable
{
    public const string Executable = "/usr/bin/firefox-esr";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs in every page before its own scripts: a CSP violation becomes a console error that log.entryAdded reports.</summary>
    private const string ReportCspViolations = """
        () => addEventListener('securitypolicyviolation', e =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile || e.documentURI}`))
        """;

    /// <summary>Stops Firefox's own network traffic (updates, telemetry, experiments, remote settings) and first-run pages.</summary>
    private static readonly Dictionary<string, object> Preferences = new()
    {
        ["remote.active-protocols"] = 1,
        ["app.update.disabledForTesting"] = true,
        ["app.update.auto"] = false,
        ["app.normandy.enabled"] = false,
        ["app.shield.optoutstudies.enabled"] = false,
        ["messaging-system.rsexperimentloader.enabled"] = false,
        ["nimbus.rollouts.enabled"] = false,
        ["services.settings.server"] = "data:,#remote-settings-disabled",
        ["datareporting.policy.dataSubmissionEnabled"] = false,
        ["datareporting.healthreport.uploadEnabled"] = false,
        ["toolkit.telemetry.enabled"] = false,
        ["toolkit.telemetry.unified"] = false,
        ["toolkit.telemetry.server"] = "",
        ["browser.ping-centre.telemetry"] = false,
        ["browser.safebrowsing.malware.enabled"] = false,
        ["browser.safebrowsing.phishing.enabled"] = false,
        ["browser.safebrowsing.downloads.enabled"] = false,
        ["browser.safebrowsing.update.enabled"] = false,
        ["extensions.update.enabled"] = false,
        ["extensions.getAddons.cache.enabled"] = false,
        ["extensions.blocklist.enabled"] = false,
        ["network.captive-portal-service.enabled"] = false,
        ["network.connectivity-service.enabled"] = false,
        ["network.dns.disablePrefetch"] = true,
        ["network.prefetch-next"] = false,
        ["browser.shell.checkDefaultBrowser"] = false,
        ["browser.startup.page"] = 0,
        ["browser.startup.homepage"] = "about:blank",
        ["browser.newtabpage.enabled"] = false,
        ["browser.aboutwelcome.enabled"] = false,
        ["browser.topsites.contile.enabled"] = false,
        ["browser.newtabpage.activity-stream.feeds.system.topstories"] = false,
        ["browser.search.update"] = false,
        ["dom.disable_beforeunload"] = true,
        ["general.useragent.locale"] = "en-US",
        ["intl.accept_languages"] = "en-US, en"
    };

    private readonly Process process;
    private readonly string profile;
    private readonly BiDiDriver driver;
    private readonly string baseUrl;
    private readonly ConcurrentQueue<string> errors = new();
    private string context = "";

    private FirefoxBrowser(Process process, string profile, BiDiDriver driver, string baseUrl)
    {
        this.process = process;
        this.profile = profile;
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /// <summary>Console errors, uncaught script errors and CSP violations seen so far.</summary>
    public IReadOnlyList<string> Errors => errors.ToArray();

    /// <summary>Waits for an error containing the text to be reported (log.entryAdded arrives apart from the script that caused it).</summary>
    public async Task<string> WaitForErrorAsync(string containing)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string error) { if (error.Contains(containing, StringComparison.Ordinal)) seen.TrySetResult(error); }
        ErrorAdded += Check;
        try
        {
            foreach (var error in errors) Check(error);
            return await seen.Task.WaitAsync(Timeout);
        }
        finally { ErrorAdded -= Check; }
    }

    private event Action<string>? ErrorAdded;

    public async Task<string> UrlAsync() => (await EvaluateAsync("location.href")).GetString()!;

    public static async Task<FirefoxBrowser> LaunchAsync(string baseUrl, int width = 1280, int height = 900)
    {
        var profile = Directory.CreateTempSubdirectory("interview-firefox-").FullName;
        await File.WriteAllLinesAsync(Path.Combine(profile, "user.js"),
            Preferences.Select(p => $"user_pref({JsonSerializer.Serialize(p.Key)}, {JsonSerializer.Serialize(p.Value)});"));
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "--headless", "--no-remote", "--remote-debugging-port=0", "--profile", profile, "about:blank" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment = { ["MOZ_HEADLESS"] = "1", ["MOZ_CRASHREPORTER_DISABLE"] = "1" }
        };
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            output.Enqueue(line.Data);
            if (ListeningLine().Match(line.Data) is { Success: true } match) listening.TrySetResult(match.Groups[1].Value);
        };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"firefox-esr exited: {string.Join('\n', output)}"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var driver = new BiDiDriver(Timeout);
        var browser = new FirefoxBrowser(process, profile, driver, baseUrl.TrimEnd('/'));
        try
        {
            var endpoint = await listening.Task.WaitAsync(Timeout);
            await driver.StartAsync($"{endpoint}/session");
            await driver.Session.NewSessionAsync(new NewCommandParameters());
            driver.Log.OnEntryAdded.AddObserver(entry =>
            {
                if (entry.Level != LogLevel.Error) return;
                var error = $"{entry.Type}: {entry.Text}";
                browser.errors.Enqueue(error);
                browser.ErrorAdded?.Invoke(error);
            });
            await driver.Session.SubscribeAsync(new SubscribeCommandParameters(["log.entryAdded"]));
            await driver.Script.AddPreloadScriptAsync(new AddPreloadScriptCommandParameters(ReportCspViolations));
            var tree = await driver.BrowsingContext.GetTreeAsync(new GetTreeCommandParameters());
            browser.context = tree.ContextTree[0].BrowsingContextId;
            await browser.SetViewportAsync(width, height);
            return browser;
        }
        catch (Exception e)
        {
            await browser.DisposeAsync();
            throw new InvalidOperationException($"Firefox did not start: {e.Message}\n{string.Join('\n', output)}", e);
        }
    }

    public async Task SetViewportAsync(int width, int height) =>
        await driver.BrowsingContext.SetViewportAsync(new SetViewportCommandParameters
        {
            BrowsingContextId = context,
            Viewport = new Viewport { Width = (ulong)width, Height = (ulong)height }
        });

    /// <summary>Opens a path of the app and waits until the document has loaded.</summary>
    public async Task GoToAsync(string path) =>
        await driver.BrowsingContext.NavigateAsync(new NavigateCommandParameters(context, baseUrl + path) { Wait = ReadinessState.Complete });

    public async Task ReloadAsync() =>
        await driver.BrowsingContext.ReloadAsync(new ReloadCommandParameters(context) { Wait = ReadinessState.Complete });

    /// <summary>Evaluates a JavaScript expression in the page (promises are awaited) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await driver.Script.EvaluateAsync(new EvaluateCommandParameters(
            $"(async () => JSON.stringify({{ value: await ({expression}) }}))()", new ContextTarget(context), true));
        if (result is EvaluateResultException failed)
            throw new InvalidOperationException($"script failed: {failed.ExceptionDetails.Text}\n{expression}");
        var json = ((EvaluateResultSuccess)result).Result.As<StringRemoteValue>().Value;
        return JsonDocument.Parse(json).RootElement.TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Polls a JavaScript condition until it is truthy; on timeout saves a screenshot and fails with the page's URL.</summary>
    public async Task WaitForAsync(string condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? Timeout;
        while (true)
        {
            JsonElement value;
            try { value = await EvaluateAsync($"!!({condition})"); }
            catch (Exception e) when (e is InvalidOperationException or WebDriverBiDiException && deadline.Elapsed < limit)
            {
                value = default; // the page was navigating away while the script ran
            }
            if (value.ValueKind == JsonValueKind.True) return;
            if (deadline.Elapsed > limit)
            {
                var shot = await ScreenshotAsync($"timeout-{DateTime.UtcNow:HHmmss}");
                throw new TimeoutException($"Firefox waited {limit.TotalSeconds:F0} s for {what} ({condition}) at {await UrlAsync()}; screenshot {shot}; errors: {string.Join(" | ", Errors)}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Clicks the element with the real pointer (move to its centre, press, release) once it is visible and enabled.</summary>
    public async Task ClickAsync(string element, string what)
    {
        var target = await VisibleElementAsync(element, what);
        var pointer = new PointerSourceActions();
        pointer.Actions.Add(new PointerMoveAction { Origin = Origin.Element(target), X = 0, Y = 0 });
        pointer.Actions.Add(new PointerDownAction(0));
        pointer.Actions.Add(new PointerUpAction(0));
        var actions = new PerformActionsCommandParameters(context);
        actions.Actions.Add(pointer);
        await driver.Input.PerformActionsAsync(actions);
    }

    /// <summary>Clicks into a field, selects what it holds and types the text key by key, replacing it.</summary>
    public async Task TypeAsync(string element, string text, string what)
    {
        await ClickAsync(element, what);
        var keys = new KeySourceActions();
        keys.Actions.Add(new KeyDownAction(ControlKey));
        keys.Actions.Add(new KeyDownAction("a"));
        keys.Actions.Add(new KeyUpAction("a"));
        keys.Actions.Add(new KeyUpAction(ControlKey));
        keys.Actions.Add(new KeyDownAction(Backspace));
        keys.Actions.Add(new KeyUpAction(Backspace));
        foreach (var character in text.EnumerateRunes().Select(r => r.ToString()))
        {
            keys.Actions.Add(new KeyDownAction(character));
            keys.Actions.Add(new KeyUpAction(character));
        }
        var actions = new PerformActionsCommandParameters(context);
        actions.Actions.Add(keys);
        await driver.Input.PerformActionsAsync(actions);
    }

    /// <summary>Chooses an option of a select by value, as the browser does when the user picks it (input and change events).</summary>
    public async Task SelectAsync(string element, string value, string what)
    {
        await VisibleElementAsync(element, what);
        await EvaluateAsync($$"""
            (() => { const select = {{element}}; select.value = {{Js(value)}};
              select.dispatchEvent(new Event('input', { bubbles: true })); select.dispatchEvent(new Event('change', { bubbles: true }));
              return select.value; })()
            """);
    }

    /// <summary>
    /// Holds back from the page the responses to requests on this path (the server has answered, the page has not seen
    /// it yet) until <see cref="HeldResponses.ReleaseAsync"/>: for races between a response and the live stream.
    /// </summary>
    public async Task<HeldResponses> HoldResponsesAsync(string path)
    {
        var held = new HeldResponses(driver);
        held.Observer = driver.Network.OnResponseStarted.AddObserver(e => { if (e.IsBlocked) held.Add(e.Request.RequestId); });
        await driver.Session.SubscribeAsync(new SubscribeCommandParameters(["network.responseStarted"]));
        var parameters = new AddInterceptCommandParameters(InterceptPhase.ResponseStarted);
        parameters.UrlPatterns.Add(new UrlPatternPattern { PathName = path });
        var intercept = await driver.Network.AddInterceptAsync(parameters);
        held.InterceptId = intercept.InterceptId;
        return held;
    }

    public sealed class HeldResponses(BiDiDriver driver) : IAsyncDisposable
    {
        private readonly ConcurrentQueue<string> requests = new();
        private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal EventObserver<ResponseStartedEventArgs>? Observer { get; set; }
        internal string InterceptId { get; set; } = "";

        internal void Add(string requestId) { requests.Enqueue(requestId); first.TrySetResult(); }

        /// <summary>Waits until the server has answered a request on the path and its response is held.</summary>
        public Task WaitForFirstAsync() => first.Task.WaitAsync(Timeout);

        /// <summary>Stops holding and lets every held response through to the page.</summary>
        public async Task ReleaseAsync()
        {
            if (InterceptId.Length > 0) await driver.Network.RemoveInterceptAsync(new RemoveInterceptCommandParameters(InterceptId));
            InterceptId = "";
            while (requests.TryDequeue(out var request)) await driver.Network.ContinueResponseAsync(new ContinueResponseCommandParameters(request));
        }

        public async ValueTask DisposeAsync()
        {
            if (driver.IsStarted) await ReleaseAsync();
            Observer?.Unobserve();
        }
    }

    /// <summary>Saves a full-page PNG as TestResults/screenshots/firefox-{name}.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var shot = await driver.BrowsingContext.CaptureScreenshotAsync(new CaptureScreenshotCommandParameters(context) { Origin = ScreenshotOrigin.Document });
        var path = Path.Combine(WebAppFixture.ScreenshotDirectory, $"firefox-{name}.png");
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.Data));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        try { if (driver.IsStarted) await driver.StopAsync(); }
        catch (WebDriverBiDiException) { /* the browser is being killed anyway */ }
        await driver.DisposeAsync();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        process.Dispose();
        try { Directory.Delete(profile, recursive: true); }
        catch (IOException) { /* a child process may still hold a file for a moment */ }
    }

    /// <summary>A JavaScript string literal.</summary>
    public static string Js(string text) => JsonSerializer.Serialize(text);

    /// <summary>The first element matching a CSS selector.</summary>
    public static string Css(string selector) => $"document.querySelector({Js(selector)})";

    /// <summary>The form control labelled exactly so.</summary>
    public static string Field(string label) =>
        $"[...document.querySelectorAll('label')].find(l => l.textContent.trim() === {Js(label)})?.control";

    /// <summary>The visible button or link whose text is exactly so.</summary>
    public static string Control(string name) =>
        $"[...document.querySelectorAll('button, a')].find(e => e.textContent.trim() === {Js(name)} && e.getClientRects().length > 0)";

    private const string ControlKey = "\uE009";
    private const string Backspace = "\uE003";

    private async Task<SharedReference> VisibleElementAsync(string element, string what)
    {
        await WaitForAsync($"(e => e && e.getClientRects().length > 0 && !e.disabled && getComputedStyle(e).visibility === 'visible')({element})", $"{what} to be visible and enabled");
        var result = await driver.Script.EvaluateAsync(new EvaluateCommandParameters(
            $"(() => {{ const e = {element}; e.scrollIntoView({{ block: 'center' }}); return e; }})()", new ContextTarget(context), false));
        if (result is EvaluateResultException failed) throw new InvalidOperationException($"{what}: {failed.ExceptionDetails.Text}");
        return ((EvaluateResultSuccess)result).Result.As<NodeRemoteValue>().ToSharedReference();
    }

    [GeneratedRegex(@"WebDriver BiDi listening on (ws://\S+)")]
    private static partial Regex ListeningLine();
}
