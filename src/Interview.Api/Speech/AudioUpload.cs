using Interview.Api.Hosting;
using Interview.Domain.Common;
using Interview.Domain.Delivery;
using Interview.Workers.Speech;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Speech;

/// <summary>What the transcription of a recorded answer returns: the candidate may correct the transcript before submitting it.</summary>
public sealed record TranscriptionReply(
    Guid RecordingId,
    string Transcript,
    string Engine,
    bool Offline,
    double? Confidence,
    double DurationSeconds,
    IReadOnlyList<TimedWord> Words,
    IReadOnlyList<Silence> Silences,
    string AudioUrl)
{
    public static TranscriptionReply Of(VoiceRecording r) =>
        new(r.Id, r.Transcript, r.Engine, r.Offline, r.Confidence, r.DurationSeconds, r.Words, r.Silences,
            $"/api/v1/interviews/{r.InterviewId}/recordings/{r.Id}");
}

/// <summary>Checks and transcribes an uploaded answer recording (multipart field <c>audio</c>), shared by the two audio routes.</summary>
public static class AudioUpload
{
    public const string Field = "audio";

    /// <summary>Before the form is read: a multipart body within the size limit (413 beyond it).</summary>
    public static ProblemDetails Check(HttpRequest request, SpeechSettings settings)
    {
        if (request.ContentLength > settings.MaxUploadBytes + 64 * 1024)
            return TooLarge(settings);
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Problems.Validation(new Dictionary<string, string[]>
            {
                [Field] = ["Send the recording as multipart/form-data with the file in the field 'audio'."]
            });
        return WolverineContinue.NoProblems;
    }

    private static ProblemDetails TooLarge(SpeechSettings settings) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Content Too Large",
        Detail = $"The recording is larger than the limit of {settings.MaxUploadBytes / 1024 / 1024.0:0.#} MB."
    };

    public static async Task<(VoiceRecording? Recording, ProblemHttpResult? Problem)> TranscribeAsync(
        IFormFile? audio, Guid interviewId, Guid userId, Transcriber transcriber, SpeechSettings settings, TimeProvider clock,
        CancellationToken cancellation)
    {
        if (audio is null)
            return (null, TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { [Field] = ["The form has no file in the field 'audio'."] })));
        if (audio.Length > settings.MaxUploadBytes) return (null, TypedResults.Problem(TooLarge(settings)));
        var type = audio.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (type.Length > 0 && !type.StartsWith("audio/") && !type.StartsWith("video/webm") && type != "application/octet-stream")
            return (null, TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]>
            {
                [Field] = [$"The file's type '{type}' is not audio; send audio/webm, audio/ogg, audio/wav, audio/mpeg, audio/mp4 or audio/flac."]
            })));

        using var buffer = new MemoryStream();
        await audio.CopyToAsync(buffer, cancellation);
        var bytes = buffer.ToArray();
        TranscriptionOutcome outcome;
        try
        {
            outcome = await transcriber.TranscribeAsync(bytes, cancellation);
        }
        catch (Exception e) when (e is SpeechEngineUnavailableException or TimeoutException)
        {
            return (null, Problems.From(new Rejection(503, "Service Unavailable",
                $"Speech recognition is unavailable right now ({e.Message}); type the answer instead or try again.")));
        }
        if (outcome.Rejection is { } rejected)
            return (null, TypedResults.Problem(Problems.Validation(new Dictionary<string, string[]> { [Field] = [rejected.Detail] })));

        var heard = outcome.Result!;
        return (new VoiceRecording
        {
            Id = Guid.CreateVersion7(), UserId = userId, InterviewId = interviewId, Audio = bytes,
            ContentType = type is "" or "application/octet-stream" ? "application/octet-stream" : type,
            Transcript = heard.Text, Engine = heard.Engine, Offline = heard.Offline, Confidence = heard.Confidence,
            DurationSeconds = heard.DurationSeconds, Words = heard.Words.ToList(), Silences = heard.Silences.ToList(),
            RecordedAt = clock.GetUtcNow()
        }, null);
    }
}
