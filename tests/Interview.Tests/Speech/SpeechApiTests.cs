using System.Text.Json;
using Alba;
using Interview.Api.Sessions;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Speech;

/// <summary>The configured path: the OpenAI client's audio calls against the fake OpenAI-compatible server.</summary>
[Collection(ApiCollection.Name)]
public sealed class SpeechApiTests(LlmAppFixture fixture)
{
    private IAlbaHost Host => fixture.Host;

    [Fact]
    public async Task tts_goes_to_the_speech_api_and_says_which_model_made_it()
    {
        var caller = await Host.SignedUp();
        var before = fixture.Llm.SpeechRequests;
        var text = $"Welcome to your mock interview number {Guid.NewGuid():N}.";
        var result = await Host.As(caller, s =>
        {
            s.Post.Json(new { text, voice = "nova" }).ToUrl("/api/v1/tts");
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.Headers["X-Speech-Engine"].ToString().ShouldBe("openai:fake-tts");
        result.Context.Response.ContentType.ShouldBe("audio/mpeg");
        (await result.ReadAsTextAsync()).ShouldEndWith($"nova|{text}");
        await Host.As(caller, s => { s.Post.Json(new { text, voice = "nova" }).ToUrl("/api/v1/tts"); s.StatusCodeShouldBe(200); });
        (fixture.Llm.SpeechRequests - before).ShouldBe(1, "the second request is served from the cache");
    }

    [Fact]
    public async Task transcription_goes_to_the_transcription_api_and_says_it_is_a_model_not_offline()
    {
        var caller = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(caller);
        var result = await Host.As(caller, s =>
        {
            s.Post.MultipartFormData(SyntheticVoice.Form(SyntheticVoice.Wav(VoiceAnswerTests.KnownAnswers[0]))).ToUrl($"/api/v1/interviews/{id}/answers/audio");
            s.StatusCodeShouldBe(202);
        });
        var accepted = (await result.ReadAsJsonAsync<AudioAnswerAccepted>())!;
        accepted.Transcription.Offline.ShouldBeFalse();
        accepted.Transcription.Engine.ShouldBe("openai:fake-whisper");
        accepted.Transcription.Transcript.ShouldStartWith("Heard ");
        accepted.Transcription.Transcript.ShouldEndWith("bytes with fake-whisper.");
        accepted.Transcription.Words.Select(w => w.Word).ShouldBe(["Heard", "bytes"]);
        accepted.Transcription.Confidence.ShouldBeNull();
    }
}
