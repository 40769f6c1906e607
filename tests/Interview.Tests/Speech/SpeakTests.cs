using System.Text.Json;
using Alba;
using Interview.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Speech;

public sealed class SpeakTests(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<IScenarioResult> Spoken(Caller caller, object body, int status) =>
        await Host.As(caller, s =>
        {
            s.Post.Json(body).ToUrl("/api/v1/tts");
            s.StatusCodeShouldBe(status);
        });

    [Fact]
    public async Task text_is_spoken_offline_by_flite_as_mp3_and_cached_by_engine_voice_and_text()
    {
        var caller = await Host.SignedUp();
        const string text = "Tell me about a time you disagreed with a teammate about a technical decision.";
        var first = await Spoken(caller, new { text }, 200);
        first.Context.Response.ContentType.ShouldBe("audio/mpeg");
        first.Context.Response.Headers["X-Speech-Engine"].ToString().ShouldBe("flite");
        first.Context.Response.Headers["X-Speech-Voice"].ToString().ShouldBe("slt");
        first.Context.Response.Headers["X-Speech-Cache"].ToString().ShouldBe("miss");
        var audio = await ReadBytes(first);
        audio.Length.ShouldBeGreaterThan(5_000);
        first.Context.Response.ContentLength.ShouldNotBeNull().ShouldBeGreaterThan(5_000);

        var second = await Spoken(caller, new { text }, 200);
        second.Context.Response.Headers["X-Speech-Cache"].ToString().ShouldBe("hit");
        (await ReadBytes(second)).ShouldBe(audio);

        var otherVoice = await Spoken(caller, new { text, voice = "awb" }, 200);
        otherVoice.Context.Response.Headers["X-Speech-Cache"].ToString().ShouldBe("miss");
        (await ReadBytes(otherVoice)).ShouldNotBe(audio);
    }

    private static async Task<string> ReadBytes(IScenarioResult result) => await result.ReadAsTextAsync();

    [Theory]
    [InlineData("", null, "text")]
    [InlineData("   ", null, "text")]
    [InlineData("long", null, "text")]
    [InlineData("Hello there.", "darth", "voice")]
    public async Task bad_text_or_voice_is_a_400_naming_the_field(string text, string? voice, string field)
    {
        var caller = await Host.SignedUp();
        if (text == "long") text = new string('a', 401);
        var problem = await (await Spoken(caller, new { text, voice }, 400)).ProblemOf();
        problem.GetProperty("errors").GetProperty(field).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task speaking_needs_a_token() =>
        await Host.Scenario(s =>
        {
            s.Post.Json(new { text = "Hello." }).ToUrl("/api/v1/tts");
            s.StatusCodeShouldBe(401);
        });

    [Fact]
    public async Task the_speech_routes_are_documented_with_their_audio_bodies_and_responses()
    {
        var document = JsonDocument.Parse((await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"))).ReadAsText()).RootElement;
        var paths = document.GetProperty("paths");
        var tts = paths.GetProperty("/api/v1/tts").GetProperty("post").GetProperty("responses");
        tts.GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name).ShouldBe(["audio/mpeg", "audio/wav"]);
        tts.TryGetProperty("503", out _).ShouldBeTrue();
        foreach (var route in new[] { "audio", "transcriptions" })
        {
            var operation = paths.GetProperty($"/api/v1/interviews/{{id}}/answers/{route}").GetProperty("post");
            var body = operation.GetProperty("requestBody").GetProperty("content");
            body.EnumerateObject().Select(c => c.Name).ShouldBe(["multipart/form-data"]);
            body.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty("audio")
                .GetProperty("format").GetString().ShouldBe("binary");
            operation.GetProperty("responses").TryGetProperty("413", out _).ShouldBeTrue();
        }
        paths.GetProperty("/api/v1/interviews/{id}/recordings/{recordingId}").GetProperty("get").GetProperty("responses")
            .GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name).ShouldContain("audio/webm");
    }

    [Fact]
    public async Task speaking_is_rate_limited_per_user_with_429_and_retry_after()
    {
        var first = await Host.SignedUp();
        var second = await Host.SignedUp();
        var configuration = Host.Services.GetRequiredService<IConfiguration>();
        try
        {
            configuration["RateLimits:Speech:PermitLimit"] = "2";
            configuration["RateLimits:Speech:WindowSeconds"] = "602";
            await Spoken(first, new { text = "One." }, 200);
            await Spoken(first, new { text = "Two." }, 200);
            var refused = await Spoken(first, new { text = "Three." }, 429);
            int.Parse(refused.Context.Response.Headers.RetryAfter.ToString()).ShouldBeInRange(1, 602);
            (await refused.ProblemOf()).GetProperty("status").GetInt32().ShouldBe(429);
            await Spoken(second, new { text = "Three." }, 200);
        }
        finally
        {
            configuration["RateLimits:Speech:PermitLimit"] = TestSettings.RaisedRateLimits["RateLimits:Speech:PermitLimit"];
            configuration["RateLimits:Speech:WindowSeconds"] = "60";
        }
    }
}
