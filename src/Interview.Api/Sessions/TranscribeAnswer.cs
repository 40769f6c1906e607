using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Speech;
using Interview.Domain.Sessions;
using Interview.Workers.Speech;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Sessions;

public static class TranscribeAnswer
{
    public static ProblemDetails Validate(HttpRequest request, SpeechSettings settings) => AudioUpload.Check(request, settings);

    /// <summary>
    /// Transcribes a recorded answer (multipart field audio) and stores the recording, without answering yet: the candidate
    /// corrects the transcript and submits it with POST /interviews/{id}/answers { text, recordingId }. The reply says which
    /// engine heard it and whether it ran offline, with its confidence and word timings.
    /// </summary>
    [WolverinePost("/api/v1/interviews/{id}/answers/transcriptions", OperationId = "TranscribeAnswer")]
    [Tags("Interviews")]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    [Consumes("multipart/form-data")]
    public static async Task<Results<Created<TranscriptionReply>, ProblemHttpResult>> Post(
        Guid id, IFormFile audio, ClaimsPrincipal user, IDocumentSession session, Transcriber transcriber, SpeechSettings settings,
        TimeProvider clock, CancellationToken cancellation)
    {
        var interview = await session.Events.FetchLatest<InterviewSession>(id, cancellation);
        if (interview is null || interview.CandidateId != user.UserId()) return Problems.NotFound("interview");
        if (InterviewDecider.AnswerAwaited(interview) is { } refused) return Problems.From(refused);

        var (recording, problem) = await AudioUpload.TranscribeAsync(audio, id, user.UserId(), transcriber, settings, clock, cancellation);
        if (problem is not null) return problem;
        session.Store(recording!);
        var reply = TranscriptionReply.Of(recording!);
        return TypedResults.Created(reply.AudioUrl, reply);
    }
}
