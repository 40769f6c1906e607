using System.Text.RegularExpressions;
using Shouldly;
using static Interview.Tests.Web.FirefoxBrowser;

namespace Interview.Tests.Web;

/// <summary>
/// The app in Debian's Firefox ESR (WebDriver BiDi, real pointer and key input) on the same app and strict CSP as the
/// Chromium tests: each test also fails on a console error, an uncaught script error or a CSP violation.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", WebCollection.Category)]
public sealed partial class FirefoxTests(WebAppFixture web, ITestOutputHelper output)
{
    private const string XssAnswer = "I lead the payments team. <img src=x onerror=\"window.__xss=1\"> <script>window.__xss=2</script> We moved to event sourcing.";
    private static readonly string[] Answers =
    [
        "I would start by clarifying requirements and constraints, then describe the design: an API in front of a PostgreSQL store, " +
        "idempotent handlers, a queue for slow work, caching for reads, and metrics and tracing. The trade-off is consistency against latency; " +
        "for example, at my last job we cut p99 latency by 40% by batching writes and measured the result with load tests.",
        "Last year our on-call rotation spent about ten hours a week restarting stuck jobs. I wrote a runbook, then automated the restart " +
        "with a health check and an idempotent retry, and I added an alert only for the cases that needed a person. Pages fell from 30 to 4 a month, " +
        "and I learned to measure the toil before fixing it.",
        "GET reads, POST creates, PUT replaces and DELETE removes; GET, PUT and DELETE are idempotent. I return 200 or 201 with a Location header, " +
        "204 for no content, 400 or 422 for bad input, 401 and 403 for authentication and authorisation, 404 when it does not exist, 409 for a conflict " +
        "and 5xx only for server faults. For two strings being anagrams I count characters in a hash map in O(n) time instead of sorting in O(n log n)."
    ];

    [Fact]
    public async Task a_candidate_logs_in_interviews_with_turns_arriving_live_and_reads_the_scored_report_in_firefox()
    {
        var email = $"firefox{Guid.NewGuid():N}@interview.test";
        await web.UserAsync(email);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var firefox = await LaunchAsync(web.BaseUrl);
        var launched = clock.Elapsed;

        await LogInAsync(firefox, email);
        await firefox.ClickAsync(Control("New interview"), "the New interview link");
        await firefox.WaitForAsync("location.pathname === '/interviews/new'", "the new interview page");
        await firefox.SelectAsync(Field("Interview type"), "mixed", "Interview type");
        await firefox.TypeAsync(Field("Number of questions"), "3", "Number of questions");
        (await firefox.EvaluateAsync($"{Field("Number of questions")}.value")).GetString().ShouldBe("3");
        await firefox.ScreenshotAsync("new-interview");
        await firefox.ClickAsync(Control("Create and start"), "Create and start");

        await firefox.WaitForAsync("/^\\/interviews\\/[0-9a-f-]{36}$/.test(location.pathname)", "the interview room");
        var id = (await firefox.EvaluateAsync("location.pathname.split('/')[2]")).GetString()!;
        await firefox.WaitForAsync($"{Css(".asked")}?.textContent.includes('of 3')", "asked of total");
        await firefox.WaitForAsync($"{Css(".live-state")}?.textContent === 'Live'", "the live stream to be open");
        await firefox.WaitForAsync($"!{Css(".answer-form")}.hidden", "the first question");

        // The next turn arrives over the stream: same document, and the view is not fetched again.
        await firefox.EvaluateAsync("window.__sameDocument = true");
        var viewFetches = $"performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname === '/api/v1/interviews/{id}').length";
        var fetchedBefore = (await firefox.EvaluateAsync(viewFetches)).GetInt32();
        var interviewerTurns = (await firefox.EvaluateAsync("document.querySelectorAll('.turn-interviewer').length")).GetInt32();
        await firefox.TypeAsync(Css("#answer"), Answers[0], "the answer box");
        await firefox.WaitForAsync($"{Css("#answer-count")}.textContent.startsWith('{Answers[0].Length} / ')", "the character count");
        await firefox.ClickAsync(Control("Submit answer"), "Submit answer");
        var submitted = clock.Elapsed;
        await firefox.WaitForAsync("document.querySelectorAll('.turn-candidate').length === 1", "the answer in the transcript");
        await firefox.WaitForAsync($"document.querySelectorAll('.turn-interviewer').length > {interviewerTurns}", "the next turn to arrive live");
        var nextTurn = clock.Elapsed - submitted;
        (await firefox.EvaluateAsync("window.__sameDocument === true")).GetBoolean().ShouldBeTrue("the page was reloaded");
        (await firefox.EvaluateAsync(viewFetches)).GetInt32().ShouldBe(fetchedBefore, "the next turn came from a fetch of the view, not the stream");
        await firefox.ScreenshotAsync("interview-room");

        const string ready = "document.querySelector('#finish').textContent.includes('get my report')";
        for (var answered = 1; answered < 15; answered++)
        {
            await firefox.WaitForAsync($"!{Css(".answer-form")}.hidden || {ready}", "the next question or the end of the interview");
            if ((await firefox.EvaluateAsync(ready)).GetBoolean()) break;
            await firefox.TypeAsync(Css("#answer"), Answers[answered % Answers.Length], "the answer box");
            await firefox.ClickAsync(Control("Submit answer"), "Submit answer");
            await firefox.WaitForAsync($"document.querySelectorAll('.turn-candidate').length === {answered + 1}", "the answer in the transcript");
        }
        await firefox.WaitForAsync(ready, "the interview to be over");
        await firefox.ClickAsync(Css("#finish"), "Finish and get my report");

        await firefox.WaitForAsync("location.pathname.endsWith('/report')", "the report page");
        await firefox.WaitForAsync($"{Css("svg.gauge")}?.getClientRects().length > 0", "the score gauge", TimeSpan.FromSeconds(90));
        var gauge = (await firefox.EvaluateAsync($"{Css("svg.gauge")}.getAttribute('aria-label')")).GetString()!;
        var score = int.Parse(ScoreLabel().Match(gauge).Groups[1].Value);
        score.ShouldBeInRange(0, 100);
        (await firefox.EvaluateAsync($"{Css("svg.gauge .gauge-number")}.textContent")).GetString().ShouldBe(score.ToString());
        await firefox.WaitForAsync("document.body.textContent.includes('Scored by the offline engine')", "who scored it");
        await firefox.WaitForAsync($"{Css("article.answer")} !== null", "the scored answers");
        await firefox.ScreenshotAsync("report");

        // Usable at 375 px: no page scrolls sideways.
        await firefox.SetViewportAsync(375, 812);
        foreach (var (name, path, heading, ready375) in new[]
                 {
                     ("dashboard", "/", "Dashboard", ".list-row"),
                     ("interview-room", $"/interviews/{id}", "Mixed interview", ".transcript .turn-candidate"),
                     ("report", $"/interviews/{id}/report", "Interview report", "svg.gauge"),
                     ("history", "/history", "History", "table.table tbody tr"),
                     ("prep", "/prep", "Prep packs", "main form"),
                     ("profile", "/profile", "Profile", "main form")
                 })
        {
            await firefox.GoToAsync(path);
            await firefox.WaitForAsync($"{Css("main h1")}?.textContent === {Js(heading)} && {Css(ready375)} !== null", $"the {name} page at 375 px");
            // Firefox's classic scrollbar takes part of innerWidth: compare with the width the content really has.
            (await firefox.EvaluateAsync("innerWidth")).GetInt32().ShouldBe(375);
            var (scrollWidth, clientWidth) = ((await firefox.EvaluateAsync("document.documentElement.scrollWidth")).GetInt32(), (await firefox.EvaluateAsync("document.documentElement.clientWidth")).GetInt32());
            scrollWidth.ShouldBeLessThanOrEqualTo(clientWidth, $"{path} scrolls sideways at 375 px in Firefox");
            await firefox.ScreenshotAsync($"{name}-375");
        }
        output.WriteLine($"Firefox ESR launched and connected in {launched.TotalSeconds:F1} s; submit click -> next turn shown {nextTurn.TotalMilliseconds:F0} ms (including 100 ms polls); whole journey {clock.Elapsed.TotalSeconds:F1} s");
        firefox.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_answer_containing_markup_renders_as_text_in_firefox()
    {
        var email = $"firefoxxss{Guid.NewGuid():N}@interview.test";
        var (_, token) = await web.UserAsync(email);
        var id = (await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", token, new
        {
            track = "backend", role = "Backend Engineer", level = "mid", type = "behavioral", difficulty = "medium", companyStyle = "general",
            techStack = Array.Empty<string>(), questionCount = 3
        })).GetProperty("id").GetGuid();
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/start", token);
        await using var firefox = await LaunchAsync(web.BaseUrl);
        await LogInAsync(firefox, email);

        await firefox.GoToAsync($"/interviews/{id}");
        await firefox.TypeAsync(Css("#answer"), XssAnswer, "the answer box");
        await firefox.ClickAsync(Control("Submit answer"), "Submit answer");
        const string mine = "document.querySelector('.turn-candidate .turn-text')";
        await firefox.WaitForAsync($"{mine}?.textContent === {Js(XssAnswer)}", "the answer shown literally");
        await AssertRenderedAsTextAsync(firefox);

        await firefox.ReloadAsync();
        await firefox.WaitForAsync($"{mine}?.textContent === {Js(XssAnswer)}", "the answer shown literally after a reload");
        await AssertRenderedAsTextAsync(firefox);
        await firefox.ScreenshotAsync("xss-answer");
        firefox.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_next_turn_streamed_before_the_answer_is_acknowledged_is_shown_not_hidden_behind_writing_in_firefox()
    {
        var email = $"firefoxrace{Guid.NewGuid():N}@interview.test";
        var (_, token) = await web.UserAsync(email);
        var id = (await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", token, new
        {
            track = "backend", role = "Backend Engineer", level = "mid", type = "behavioral", difficulty = "medium", companyStyle = "general",
            techStack = Array.Empty<string>(), questionCount = 3
        })).GetProperty("id").GetGuid();
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/start", token);
        await using var firefox = await LaunchAsync(web.BaseUrl);
        await LogInAsync(firefox, email);
        await firefox.GoToAsync($"/interviews/{id}");
        await firefox.WaitForAsync($"{Css(".live-state")}?.textContent === 'Live' && !{Css(".answer-form")}.hidden", "the first question over a live stream");
        var interviewerTurns = (await firefox.EvaluateAsync("document.querySelectorAll('.turn-interviewer').length")).GetInt32();

        await using var held = await firefox.HoldResponsesAsync($"/api/v1/interviews/{id}/answers");
        await firefox.TypeAsync(Css("#answer"), Answers[1], "the answer box");
        await firefox.ClickAsync(Control("Submit answer"), "Submit answer");
        await held.WaitForFirstAsync();
        await firefox.WaitForAsync($"document.querySelectorAll('.turn-interviewer').length > {interviewerTurns}", "the next turn over the stream while the 202 is held");
        await held.ReleaseAsync();

        await firefox.WaitForAsync($"{Css("#answer")}.value === ''", "the acknowledged answer to leave the answer box");
        await firefox.WaitForAsync($"!{Css(".answer-form")}.hidden && {Css(".writing")}.hidden", "the answer form for the streamed question");
        firefox.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task firefox_reports_console_errors_uncaught_errors_and_csp_violations_to_the_tests()
    {
        await using var firefox = await LaunchAsync(web.BaseUrl);
        await firefox.GoToAsync("/login");
        await firefox.WaitForAsync(Field("Email"), "the login page");
        firefox.Errors.ShouldBeEmpty();

        await firefox.EvaluateAsync("console.error('probe: console')");
        await firefox.WaitForErrorAsync("probe: console");
        await firefox.EvaluateAsync("setTimeout(() => { throw new Error('probe: uncaught'); })");
        await firefox.WaitForErrorAsync("probe: uncaught");
        await firefox.EvaluateAsync("document.head.append(Object.assign(document.createElement('script'), { textContent: 'window.__inline = 1' }))");
        (await firefox.WaitForErrorAsync("CSP violation")).ShouldContain("script-src");
        (await firefox.EvaluateAsync("window.__inline === undefined")).GetBoolean().ShouldBeTrue("the strict CSP let an inline script run");
    }

    private static async Task LogInAsync(FirefoxBrowser firefox, string email)
    {
        await firefox.GoToAsync("/");
        await firefox.WaitForAsync("location.pathname === '/login'", "the redirect to the login page");
        await firefox.TypeAsync(Field("Email"), email, "Email");
        await firefox.TypeAsync(Field("Password"), WebAppFixture.Password, "Password");
        await firefox.ClickAsync(Control("Log in"), "Log in");
        await firefox.WaitForAsync("document.querySelector('main h1')?.textContent === 'Dashboard'", "the dashboard");
        await firefox.WaitForAsync($"{Css("#ai-badge .badge")}?.textContent.includes('AI:')", "the AI status badge");
    }

    private static async Task AssertRenderedAsTextAsync(FirefoxBrowser firefox)
    {
        (await firefox.EvaluateAsync("document.querySelectorAll('.transcript img, .transcript script').length")).GetInt32().ShouldBe(0);
        (await firefox.EvaluateAsync("window.__xss === undefined")).GetBoolean().ShouldBeTrue("markup in an answer ran as script");
    }

    [GeneratedRegex(@"(\d+) out of 100")]
    private static partial Regex ScoreLabel();
}
