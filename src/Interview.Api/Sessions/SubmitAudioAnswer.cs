using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Idempotency;
using Interview.Api.Speech;
using Interview.Domain.Sessions;
using Interview.Workers.Speech;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Sessions;

public sealed record AudioAnswerAccepted(Guid Id, long Version, TranscriptionReply Transcription);

public static class SubmitAudioAnswer
{
    public static ProblemDetails Validate(HttpRequest request, SpeechSettings settings) => AudioUpload.Check(request, settings);

    /// <summary>
    /// Answers aloud in one step: the recording (multipart field audio) is transcribed and the transcript becomes the answer
    /// through the same decision as a typed one, marked as spoken (engine, confidence, duration, recording id). 202 with the
    /// transcript. The same idempotency key (Idempotency-Key header or form field idempotencyKey) replays the first answer.
    /// </summary>
    [WolverinePost("/api/v1/interviews/{id}/answers/audio", OperationId = "SubmitAudioAnswer")]
    [Tags("Interviews")]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    [Consumes("multipart/form-data")]
    public static async Task<(Results<Accepted<AudioAnswerAccepted>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, IFormFile audio, [FromForm(Name = "idempotencyKey")] string? formIdempotencyKey, [FromHeader(Name = "Idempotency-Key")] string? idempotencyHeader,
        ClaimsPrincipal user, IDocumentSession session, Transcriber transcriber, SpeechSettings settings, TimeProvider clock,
        CancellationToken cancellation)
    {
        var messages = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<InterviewSession>(id, cancellation);
        var interview = stream.Aggregate;
        if (interview is null || interview.CandidateId != user.UserId()) return (Problems.NotFound("interview"), messages);

        var key = IdempotencyKeys.Choose(idempotencyHeader, formIdempotencyKey);
        if (key is not null && interview.AnswerVersionsByKey.TryGetValue(key, out var answered))
        {
            var events = await session.Events.FetchStreamAsync(id, version: answered, fromVersion: answered, token: cancellation);
            var earlier = events.Select(e => e.Data).OfType<AnswerSubmitted>().LastOrDefault()?.Spoken is { } spoken
                ? await session.LoadAsync<VoiceRecording>(spoken.RecordingId, cancellation)
                : null;
            return (Replay(id, answered, earlier), messages);
        }
        if (InterviewDecider.AnswerAwaited(interview) is { } refused) return (Problems.From(refused), messages);

        var (recording, problem) = await AudioUpload.TranscribeAsync(audio, id, user.UserId(), transcriber, settings, clock, cancellation);
        if (problem is not null) return (problem, messages);

        var decision = InterviewDecider.SubmitAnswer(interview, recording!.Transcript, key, clock.GetUtcNow(), recording.ToSpokenAnswer());
        if (decision.IsRejected) return (Problems.From(decision.Rejection!), messages);
        stream.AppendMany(decision.Events.ToArray());
        session.Store(recording);
        messages.AddRange(InterviewReply.Owed(interview, decision.Events));
        return (TypedResults.Accepted($"/api/v1/interviews/{id}",
            new AudioAnswerAccepted(id, interview.Version + decision.Events.Count, TranscriptionReply.Of(recording))), messages);
    }

    private static Results<Accepted<AudioAnswerAccepted>, ProblemHttpResult> Replay(Guid id, long version, VoiceRecording? recording) =>
        recording is null
            ? Problems.From(Domain.Common.Rejection.Conflict("This idempotency key was already used for a typed answer."))
            : TypedResults.Accepted($"/api/v1/interviews/{id}", new AudioAnswerAccepted(id, version, TranscriptionReply.Of(recording)));
}
