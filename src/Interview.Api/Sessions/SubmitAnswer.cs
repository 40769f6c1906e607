using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Hosting;
using Interview.Api.Idempotency;
using Interview.Domain.Sessions;
using Interview.Workers.Speech;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Sessions;

/// <summary>A typed answer, or a spoken one: recordingId names a transcribed recording whose (corrected) transcript is the text.</summary>
public sealed record SubmitAnswerRequest([Required] string? Text, string? IdempotencyKey, Guid? RecordingId = null);

public static class SubmitAnswer
{
    public static async Task<VoiceRecording?> LoadAsync(SubmitAnswerRequest request, IQuerySession session, CancellationToken cancellation) =>
        request.RecordingId is { } recordingId ? await session.LoadAsync<VoiceRecording>(recordingId, cancellation) : null;

    public static ProblemDetails Validate(SubmitAnswerRequest request, InterviewSession? interview, ClaimsPrincipal user, VoiceRecording? recording)
    {
        var owned = InterviewReply.OwnedBy(interview, user);
        if (owned != WolverineContinue.NoProblems || request.RecordingId is null) return owned;
        return recording is not null && recording.InterviewId == interview!.Id && recording.UserId == interview.CandidateId
            ? WolverineContinue.NoProblems
            : Problems.Validation(new Dictionary<string, string[]>
            {
                ["recordingId"] = ["No recording with that id was transcribed for this interview."]
            });
    }

    /// <summary>
    /// Stores the answer and returns 202 at once; the interviewer's next turn is written off-request.
    /// The same idempotency key (Idempotency-Key header or idempotencyKey) again returns the first answer's version and appends nothing.
    /// With recordingId (from POST /interviews/{id}/answers/transcriptions) the answer is spoken: the text is the candidate's
    /// corrected transcript, and the answer carries the recording's engine, confidence, duration and timings.
    /// </summary>
    [WolverinePost("/api/v1/interviews/{id}/answers", OperationId = "SubmitAnswer")]
    [Tags("Interviews")]
    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Post(
        SubmitAnswerRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        [WriteAggregate(Required = false)] InterviewSession interview, VoiceRecording? recording, TimeProvider clock)
    {
        var key = IdempotencyKeys.Choose(idempotencyKey, request.IdempotencyKey);
        // The key also travels on the event, so a retry after a crash between the append and the stored reply still replays.
        if (key is not null && interview.AnswerVersionsByKey.TryGetValue(key, out var version))
            return (InterviewReply.Accepted(interview.Id, version), new Events(), new OutgoingMessages());
        return InterviewReply.Of(interview, InterviewDecider.SubmitAnswer(interview, request.Text, key, clock.GetUtcNow(), recording?.ToSpokenAnswer()));
    }
}
