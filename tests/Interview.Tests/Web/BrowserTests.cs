using Interview.Tests.Hosting;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Interview.Tests.Web;

/// <summary>The app in headless Chromium under the product's strict CSP: every test also fails on a CSP violation or script error.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", WebCollection.Category)]
public sealed class BrowserTests(WebAppFixture web)
{
    private const string XssAnswer = "I lead the payments team. <img src=x onerror=\"window.__xss=1\"> <script>window.__xss=2</script> We moved to event sourcing.";

    static BrowserTests() => SetDefaultExpectTimeout(45_000);

    [Fact]
    public async Task a_candidate_signs_up_verifies_logs_in_interviews_and_reads_the_report()
    {
        var email = $"journey{Guid.NewGuid():N}@interview.test";
        var (context, page, errors) = await web.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel("Display name").FillAsync("Casey Candidate");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByTestId("dev-token")).ToBeVisibleAsync();
        (await page.GetByTestId("dev-token").TextContentAsync()).ShouldNotBeNullOrWhiteSpace();
        await Screenshot(page, "verify");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify e-mail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        await Screenshot(page, "login");
        await page.GetByLabel("Password").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Expect(page.Locator("#ai-badge .badge")).ToContainTextAsync("AI:");

        await page.GetByRole(AriaRole.Link, new() { Name = "New interview" }).ClickAsync();
        await page.GetByLabel("Interview type").SelectOptionAsync("mixed");
        await page.GetByLabel("Number of questions").FillAsync("3");
        await Screenshot(page, "new-interview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and start" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/interviews/[0-9a-f-]{36}$"));
        var interviewUrl = page.Url;

        // The first turns arrive live over the stream; a draft survives a reload.
        var answer = page.Locator("#answer");
        await Expect(answer).ToBeVisibleAsync();
        await Expect(page.Locator(".asked")).ToContainTextAsync("of 3");
        await answer.FillAsync("A draft I do not want to lose");
        await page.ReloadAsync();
        await Expect(page.Locator("#answer")).ToHaveValueAsync("A draft I do not want to lose");

        // Untrusted text is text: the answer shows literally and no script runs.
        await page.Locator("#answer").FillAsync(XssAnswer);
        await Expect(page.Locator("#answer-count")).ToContainTextAsync($"{XssAnswer.Length} / ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit answer" }).ClickAsync();
        var mine = page.Locator(".turn-candidate .turn-text").First;
        await Expect(mine).ToHaveTextAsync(XssAnswer);
        await Expect(page.Locator(".transcript img, .transcript script")).ToHaveCountAsync(0);
        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).ShouldBeTrue();

        // A submitted answer survives a reload mid-interview.
        await page.ReloadAsync();
        await Expect(page.Locator(".turn-candidate .turn-text").First).ToHaveTextAsync(XssAnswer);
        await Screenshot(page, "interview-room");

        for (var turn = 0; turn < 15; turn++)
        {
            await page.WaitForFunctionAsync("() => !document.querySelector('.answer-form').hidden || document.querySelector('#finish').textContent.includes('get my report')");
            if ((await page.Locator("#finish").TextContentAsync())!.Contains("get my report")) break;
            var answered = await page.Locator(".turn-candidate").CountAsync();
            await page.Locator("#answer").FillAsync(
                "I would start by clarifying requirements and constraints, then describe the design: an API in front of a PostgreSQL store, " +
                "idempotent handlers, a queue for slow work, caching for reads, and metrics and tracing. The trade-off is consistency against latency; " +
                "for example, at my last job we cut p99 latency by 40% by batching writes and measured the result with load tests.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit answer" }).ClickAsync();
            await Expect(page.Locator(".turn-candidate")).ToHaveCountAsync(answered + 1);
        }
        await page.Locator("#finish").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/report$"));
        await Expect(page.Locator("svg.gauge")).ToBeVisibleAsync();
        await Expect(page.GetByText("Scored by the offline engine")).ToBeVisibleAsync();
        await Expect(page.Locator("article.answer").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Breakdown" })).ToBeVisibleAsync();
        await Screenshot(page, "report");
        var reportUrl = page.Url;

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.Locator("table.table tbody tr")).ToHaveCountAsync(1);
        await Screenshot(page, "history");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.Locator(".list-row").First).ToBeVisibleAsync();
        await Screenshot(page, "dashboard");

        // The session survives a reload and ends on logout.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await MobileScreenshots(context, ("dashboard", "/"), ("interview-room", new Uri(interviewUrl).AbsolutePath), ("report", new Uri(reportUrl).AbsolutePath), ("history", "/history"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.GotoAsync("/history");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_validation_error_from_the_server_is_shown_as_text_next_to_its_field()
    {
        var email = $"valid{Guid.NewGuid():N}@interview.test";
        await web.UserAsync(email);
        var (context, page, errors) = await web.NewPageAsync();
        await using var _ = context;
        await WebAppFixture.LogInAsync(page, email);

        await page.GotoAsync("/interviews/new");
        await page.GetByLabel("Number of questions").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and start" }).ClickAsync();
        var error = page.Locator("#new-questionCount-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("10");
        await Expect(page.GetByLabel("Number of questions")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page).ToHaveURLAsync(new Regex("/interviews/new$"));
        await Screenshot(page, "validation-error");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_coach_replays_a_shared_interview_and_an_admin_reads_analytics_and_grants_roles()
    {
        var (_, candidate) = await web.UserAsync($"shared{Guid.NewGuid():N}@interview.test");
        var coachEmail = $"coach{Guid.NewGuid():N}@interview.test";
        var (coachId, _) = await web.UserAsync(coachEmail);
        try { await web.LoginAsync(WebAppFixture.AdminEmail); } catch (HttpRequestException) { await web.UserAsync(WebAppFixture.AdminEmail); }

        var id = (await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", candidate, new
        {
            track = "backend", role = "Backend Engineer", level = "senior", type = "technical", difficulty = "hard", companyStyle = "general",
            techStack = new[] { "postgresql" }, questionCount = 3
        })).GetProperty("id").GetGuid();
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/start", candidate);
        await web.SendAsync(HttpMethod.Get, $"/api/v1/interviews/{id}?waitForTurn=10", candidate);
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/answers", candidate, new { text = "I work on storage engines and query planners for PostgreSQL extensions." });

        // The admin grants the coach role from the admin page.
        var (adminContext, admin, adminErrors) = await web.NewPageAsync();
        await using (adminContext)
        {
            await WebAppFixture.LogInAsync(admin, WebAppFixture.AdminEmail);
            await admin.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Daily activity" })).ToBeVisibleAsync();
            await Expect(admin.Locator("svg.chart")).ToBeVisibleAsync();
            await admin.GetByLabel("User id").FillAsync(coachId.ToString());
            await admin.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("coach");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Grant role" }).ClickAsync();
            await Expect(admin.Locator("#toast")).ToContainTextAsync("Granted coach");
            await Screenshot(admin, "admin");
            await MobileScreenshots(adminContext, ("admin", "/admin"));
            adminErrors.ShouldBeEmpty();
        }

        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/share", candidate, new { coachEmail });

        var (context, page, errors) = await web.NewPageAsync();
        await using var _ = context;
        await WebAppFixture.LogInAsync(page, coachEmail);
        await page.GetByRole(AriaRole.Link, new() { Name = "Coach" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Technical · Backend Engineer · Senior" }).ClickAsync();
        var slider = page.Locator("#replay-version");
        await Expect(slider).ToBeVisibleAsync();
        await Expect(page.Locator(".timeline li").First).ToBeVisibleAsync();

        await slider.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(page.Locator("#replay-output")).ToContainTextAsync("Version 1 of");
        await Expect(page.GetByText("No turns yet at this version.")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(page.Locator(".transcript .turn-candidate")).ToHaveCountAsync(1);

        await page.GetByLabel("Note").FillAsync("Good start: quantify the impact next time.");
        await page.GetByLabel("Visibility").SelectOptionAsync("shared");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("Note added");
        await Screenshot(page, "coach-review");
        await MobileScreenshots(context, ("coach-review", new Uri(page.Url).AbsolutePath));
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_prep_pack_is_generated_practised_and_saved()
    {
        var email = $"prep{Guid.NewGuid():N}@interview.test";
        await web.UserAsync(email);
        var (context, page, errors) = await web.NewPageAsync();
        await using var _ = context;
        await WebAppFixture.LogInAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Prep packs" }).ClickAsync();
        await page.GetByLabel("Company").FillAsync("Amazon");
        await page.GetByLabel("Job title (optional)").FillAsync("Backend Engineer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prepare" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Amazon · Backend Engineer" })).ToBeVisibleAsync();
        await Expect(page.Locator(".pack-question")).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Button, new() { Name = "Practise", Exact = true }).First.ClickAsync();
        await page.Locator("#practice-0").FillAsync("I would look at p99 latency by segment, use distributed tracing to find the slow dependency, and verify the fix with a load test.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Evaluate and mark practised" }).ClickAsync();
        await Expect(page.Locator("progress")).ToHaveAttributeAsync("value", "1");
        await Expect(page.GetByText("Your last evaluated answer")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unsave" })).ToBeVisibleAsync();
        await Screenshot(page, "prep-pack");

        await page.GotoAsync("/prep");
        await page.GetByLabel("Company").FillAsync("amazon");
        await page.GetByLabel("Job title (optional)").FillAsync("Backend Engineer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prepare" }).ClickAsync();
        await Expect(page.GetByText("Cached pack", new() { Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/prep?savedOnly=true");
        await Expect(page.Locator(".list-row").First).ToContainTextAsync("Amazon");
        await Screenshot(page, "prep");
        await MobileScreenshots(context, ("prep", "/prep"));
        errors.ShouldBeEmpty();
    }

    private static Task Screenshot(IPage page, string name, string size = "desktop") =>
        page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotDirectory, $"{name}-{size}.png"), FullPage = true });

    /// <summary>The same pages at 375 px wide, with the signed-in session carried over.</summary>
    private async Task MobileScreenshots(IBrowserContext signedIn, params (string Name, string Path)[] pages)
    {
        var state = await signedIn.StorageStateAsync();
        await using var mobile = await web.Browser.NewContextAsync(new() { BaseURL = web.BaseUrl, StorageState = state, ViewportSize = new() { Width = 375, Height = 812 }, IsMobile = true });
        var page = await mobile.NewPageAsync();
        foreach (var (name, path) in pages)
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 3000 }).ContinueWith(_ => { });
            (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1")).ShouldBeTrue($"{path} scrolls sideways at 375 px");
            await Screenshot(page, name, "375");
        }
    }
}
