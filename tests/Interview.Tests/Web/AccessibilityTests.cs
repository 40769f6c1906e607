using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Interview.Tests.Web;

/// <summary>WCAG AA contrast of every visible text in both themes, and the main path driven from the keyboard alone.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", WebCollection.Category)]
public sealed class AccessibilityTests(WebAppFixture web)
{
    /// <summary>
    /// Every visible element with text of its own (and every form field): its colour blended over the backgrounds
    /// behind it, against the WCAG AA minimum (4.5:1, 3:1 for large text). Disabled controls are exempt, as WCAG says.
    /// </summary>
    private const string ContrastFailures = """
        () => {
          const parse = value => {
            const m = value.match(/rgba?\(([^)]+)\)/);
            if (!m) return null;
            const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
            return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
          };
          const over = (top, bottom) => ({
            r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
            b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
          const luminance = c => {
            const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
          };
          const backgroundOf = element => {
            const layers = [];
            for (let e = element; e; e = e.parentElement) {
              const style = getComputedStyle(e);
              if (style.backgroundImage !== 'none' && !style.backgroundImage.startsWith('url')) return null;
              const c = parse(style.backgroundColor);
              if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
            }
            return layers.reverse().reduce((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
          };
          const opacityOf = element => {
            let opacity = 1;
            for (let e = element; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
            return opacity;
          };
          const failures = [];
          for (const element of document.querySelectorAll('body *')) {
            const ownText = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim().length > 0);
            const field = element.matches('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=range]), select, textarea');
            if (!ownText && !field) continue;
            if (element.closest('[hidden], [aria-hidden=true], svg') || element.matches(':disabled') || element.closest('fieldset:disabled')) continue;
            const box = element.getBoundingClientRect();
            const style = getComputedStyle(element);
            if (box.width === 0 || box.height === 0 || style.visibility !== 'visible') continue;
            const background = backgroundOf(element);
            const color = parse(style.color);
            if (!background || !color) continue;
            color.a *= opacityOf(element);
            const foreground = over(color, background);
            const [light, dark] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
            const ratio = (light + 0.05) / (dark + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            const needed = large ? 3 : 4.5;
            if (ratio + 0.005 < needed) {
              const text = (field ? (element.value || element.placeholder || '') : element.textContent).trim().replace(/\s+/g, ' ').slice(0, 40);
              failures.push(`${element.tagName.toLowerCase()}${element.className ? '.' + String(element.className).split(' ').join('.') : ''} "${text}" ${ratio.toFixed(2)}:1 < ${needed}:1 (${style.color} on rgb(${Math.round(background.r)}, ${Math.round(background.g)}, ${Math.round(background.b)}))`);
            }
          }
          return failures;
        }
        """;

    [Fact]
    public async Task every_text_meets_wcag_aa_contrast_in_both_themes()
    {
        var email = $"contrast{Guid.NewGuid():N}@interview.test";
        var (_, token) = await web.UserAsync(email);
        var interview = await ReportedInterviewAsync(token);
        string[] pages = ["/", "/interviews/new", $"/interviews/{interview}", $"/interviews/{interview}/report", "/history", "/prep", "/profile"];

        var failures = new List<string>();
        foreach (var theme in new[] { "light", "dark" })
        {
            var (context, page, errors) = await web.NewPageAsync();
            await using var _ = context;
            await page.GotoAsync("/login");
            await page.EvaluateAsync("theme => localStorage.setItem('interview.theme', theme)", theme);
            await page.ReloadAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
            failures.AddRange((await page.EvaluateAsync<string[]>(ContrastFailures)).Select(f => $"{theme} /login: {f}"));

            await WebAppFixture.LogInAsync(page, email);
            (await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme")).ShouldBe(theme);
            foreach (var path in pages)
            {
                await page.GotoAsync(path);
                await Expect(page.Locator("main h1")).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 3000 }).ContinueWith(_ => { });
                failures.AddRange((await page.EvaluateAsync<string[]>(ContrastFailures)).Select(f => $"{theme} {path}: {f}"));
            }
            // The check itself sees a faint text when there is one.
            await page.EvaluateAsync("""
                () => { const p = document.createElement('p'); p.textContent = 'faint probe'; p.style.color = 'rgb(150, 150, 150)'; p.style.background = 'rgb(255, 255, 255)'; document.querySelector('main').append(p); }
                """);
            (await page.EvaluateAsync<string[]>(ContrastFailures)).ShouldHaveSingleItem().ShouldContain("faint probe");
            errors.ShouldBeEmpty();
        }

        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures.Distinct().Take(40)));
    }

    [Fact]
    public async Task a_candidate_logs_in_and_starts_an_interview_from_the_keyboard_alone()
    {
        var email = $"keyboard{Guid.NewGuid():N}@interview.test";
        await web.UserAsync(email);
        var (context, page, errors) = await web.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();

        await TabToAsync(page, "() => document.activeElement?.type === 'email'");
        await page.Keyboard.TypeAsync(email);
        await TabToAsync(page, "() => document.activeElement?.type === 'password'");
        await page.Keyboard.TypeAsync(WebAppFixture.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();

        await TabToAsync(page, "() => document.activeElement?.textContent?.trim() === 'New interview'");
        (await page.EvaluateAsync<bool>("""
            () => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && s.outlineWidth !== '0px' || s.boxShadow !== 'none'; }
            """)).ShouldBeTrue("the focused link shows where the focus is");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/interviews/new$"));

        await TabToAsync(page, "() => document.activeElement?.textContent?.trim() === 'Create and start'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/interviews/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#answer")).ToBeVisibleAsync();
        await TabToAsync(page, "() => document.activeElement?.id === 'answer'");
        await page.Keyboard.TypeAsync("I keep services small, measure before optimising, and write the runbook as I build.");
        await TabToAsync(page, "() => document.activeElement?.textContent?.trim() === 'Submit answer'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".turn-candidate .turn-text").First).ToContainTextAsync("measure before optimising");
        errors.ShouldBeEmpty();
    }

    private static async Task TabToAsync(IPage page, string focused)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await page.EvaluateAsync<bool>(focused)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new ShouldAssertException($"Tab never reached the element for {focused}");
    }

    /// <summary>An interview answered to the end through the API and its report generated.</summary>
    private async Task<Guid> ReportedInterviewAsync(string token)
    {
        var id = (await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", token, new
        {
            track = "backend", role = "Backend Engineer", level = "mid", type = "mixed", difficulty = "medium", companyStyle = "general",
            techStack = new[] { "postgresql" }, questionCount = 3
        })).GetProperty("id").GetGuid();
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/start", token);
        for (var turn = 0; turn < 20; turn++)
        {
            var view = await web.SendAsync(HttpMethod.Get, $"/api/v1/interviews/{id}?waitForTurn=10", token);
            if (view.GetProperty("awaiting").GetString() != "candidate") break;
            await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/answers", token, new
            {
                text = "I would clarify the requirements, then add an index and a cache because it cut latency by 40% at my last job; the trade-off is staleness."
            });
        }
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/finalize", token);
        for (var poll = 0; poll < 200; poll++)
        {
            using var report = await web.Http.SendAsync(web.Request(HttpMethod.Get, $"/api/v1/interviews/{id}/report", token));
            if (report.IsSuccessStatusCode) return id;
            await Task.Delay(100);
        }
        throw new ShouldAssertException($"no report for {id}");
    }
}
