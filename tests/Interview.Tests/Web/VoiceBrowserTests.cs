using System.Text.RegularExpressions;
using Interview.Tests.Speech;
using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Interview.Tests.Web;

/// <summary>
/// The interview room answered aloud in headless Chromium with a fake microphone that plays a flite recording
/// (--use-file-for-fake-audio-capture): push-to-talk, the transcript in the answer box, submit, the interviewer's next turn.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", WebCollection.Category)]
public sealed class VoiceBrowserTests(WebAppFixture web)
{
    static VoiceBrowserTests() => SetDefaultExpectTimeout(60_000);

    [Fact]
    public async Task a_candidate_answers_aloud_with_push_to_talk_corrects_the_transcript_and_the_interview_goes_on()
    {
        var spoken = SyntheticVoice.SaveWav(VoiceAnswerTests.KnownAnswers[0]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-audio-capture={spoken}"]
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = web.BaseUrl, Permissions = ["microphone"] });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.Contains("Failed to load resource")) errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        var email = $"voice{Guid.NewGuid():N}@interview.test";
        var (_, token) = await web.UserAsync(email);
        var created = await web.SendAsync(HttpMethod.Post, "/api/v1/interviews", token, new
        {
            track = "backend", role = "Backend Engineer", level = "mid", type = "mixed", difficulty = "medium", companyStyle = "general",
            techStack = new[] { "c#" }, questionCount = 3
        });
        var id = created.GetProperty("id").GetGuid();
        await web.SendAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/start", token);

        await WebAppFixture.LogInAsync(page, email);
        await page.GotoAsync($"/interviews/{id}");
        var record = page.Locator("#record");
        await Expect(record).ToBeEnabledAsync();
        var interviewerTurns = await page.Locator(".turn-interviewer").CountAsync();

        // The interviewer's turn is read aloud on demand (the server's flite voice, or the browser's when that fails).
        await page.Locator(".turn-interviewer .play").Last.ClickAsync();
        await Expect(page.Locator(".turn-interviewer .play").Last).ToHaveAttributeAsync("title", new Regex("flite|browser"));

        // Push-to-talk from the keyboard: the level meter moves while the fake microphone plays the answer.
        await record.FocusAsync();
        await page.Keyboard.DownAsync(" ");
        await page.WaitForFunctionAsync("() => document.querySelector('meter.level').value > 0.02");
        await page.WaitForTimeoutAsync(7_500); // the spoken answer is about 7 s long
        await page.Keyboard.UpAsync(" ");

        await Expect(page.Locator(".voice-state")).ToContainTextAsync("Transcribed offline", new() { Timeout = 90_000 });
        var heard = await page.Locator("#answer").InputValueAsync();
        heard.ShouldNotBeNullOrWhiteSpace();
        var (wrong, words) = SyntheticVoice.WordErrors(VoiceAnswerTests.KnownAnswers[0], heard);
        Console.WriteLine($"Browser (webm/opus through the fake microphone) word errors: {wrong} of {words}");

        const string corrected = "I am a backend engineer and I have spent four years building payment systems.";
        await page.Locator("#answer").FillAsync(corrected);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit answer" }).ClickAsync();
        await Expect(page.Locator(".turn-candidate .turn-text").Last).ToHaveTextAsync(corrected);
        await Expect(page.Locator(".turn-interviewer")).ToHaveCountAsync(interviewerTurns + 1);

        errors.ShouldBeEmpty();
        await context.CloseAsync();
    }
}
