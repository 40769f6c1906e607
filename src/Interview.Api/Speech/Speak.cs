using System.ComponentModel.DataAnnotations;
using Interview.Api.Hosting;
using Interview.Domain.Common;
using Interview.Workers.Speech;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Speech;

public sealed record SpeakRequest([Required] string? Text, string? Voice);

public static class Speak
{
    public const string EngineHeader = "X-Speech-Engine";

    public static ProblemDetails Validate(SpeakRequest request, TextToSpeech speaker, SpeechSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0) errors["text"] = ["The text to speak must not be empty."];
        else if (text.Length > settings.MaxTextLength)
            errors["text"] = [$"The text is {text.Length} characters long; the limit is {settings.MaxTextLength}."];
        if (!string.IsNullOrWhiteSpace(request.Voice) && !speaker.Voices.Contains(request.Voice.Trim().ToLowerInvariant()))
            errors["voice"] = [$"Unknown voice '{request.Voice}'; {speaker.Engine} speaks with {string.Join(", ", speaker.Voices)}."];
        return Problems.Validation(errors);
    }

    /// <summary>
    /// Speaks a text (an interviewer's turn) as audio/mpeg (audio/wav when no MP3 encoder is installed). The
    /// X-Speech-Engine header names the engine (flite offline, or provider:model), X-Speech-Voice the voice and X-Speech-Cache
    /// hit or miss. 503 when no engine can speak: the web app then falls back to the browser's own speech synthesis.
    /// </summary>
    [WolverinePost("/api/v1/tts", OperationId = "Speak")]
    [Tags("Speech")]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "audio/mpeg", "audio/wav")]
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Post(
        SpeakRequest request, TextToSpeech speaker, HttpResponse response, CancellationToken cancellation)
    {
        SpokenAudio spoken;
        try
        {
            spoken = await speaker.SpeakAsync(request.Text!.Trim(), request.Voice, cancellation);
        }
        catch (Exception e) when (e is SpeechEngineUnavailableException or TimeoutException)
        {
            response.Headers[EngineHeader] = speaker.Engine;
            return Problems.From(new Rejection(503, "Service Unavailable", $"Speech synthesis is unavailable: {e.Message}"));
        }
        response.Headers[EngineHeader] = spoken.Engine;
        response.Headers["X-Speech-Voice"] = spoken.Voice;
        response.Headers["X-Speech-Cache"] = spoken.Cached ? "hit" : "miss";
        return TypedResults.File(spoken.Audio, spoken.ContentType);
    }
}
