using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Workers.Speech;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Sessions;

public static class GetRecording
{
    /// <summary>
    /// The audio of a recorded answer, for the candidate and for the coaches the interview is shared with (range requests
    /// allowed); anyone else gets 404.
    /// </summary>
    [WolverineGet("/api/v1/interviews/{id}/recordings/{recordingId}", OperationId = "GetRecording")]
    [Tags("Interviews")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "audio/webm", "audio/ogg", "audio/wav", "audio/mpeg", "audio/mp4", "application/octet-stream")]
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(
        Guid id, Guid recordingId, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var recording = await session.LoadAsync<VoiceRecording>(recordingId, cancellation);
        if (recording is null || recording.InterviewId != id) return Problems.NotFound("recording");
        var mayListen = recording.UserId == user.UserId()
            || await Coaching.CoachInterviews.IsShared(session, id, user.UserId(), cancellation);
        if (!mayListen) return Problems.NotFound("recording");
        return TypedResults.File(recording.Audio, recording.ContentType, enableRangeProcessing: true);
    }
}
