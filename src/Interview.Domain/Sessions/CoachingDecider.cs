using Interview.Domain.Common;

namespace Interview.Domain.Sessions;

/// <summary>Sharing with coaches and coach notes, as pure decisions.</summary>
public static class CoachingDecider
{
    public const int MaxNoteLength = 5_000;

    public static Decision Share(InterviewSession state, Guid coachId, string coachEmail, DateTimeOffset now) =>
        coachId == state.CandidateId
            ? Rejection.Invalid("You cannot share an interview with yourself.")
            : state.IsSharedWith(coachId)
                ? Decision.Accept()
                : Decision.Accept(new InterviewShared(state.Id, state.CandidateId, coachId, coachEmail, now));

    public static Decision Revoke(InterviewSession state, Guid coachId, DateTimeOffset now) =>
        state.IsSharedWith(coachId)
            ? Decision.Accept(new InterviewShareRevoked(state.Id, state.CandidateId, coachId, now))
            : Rejection.NotFound("The interview is not shared with that coach.");

    public static Decision AddNote(InterviewSession state, Guid coachId, string coachName, string? text, long? atVersion,
        string? visibility, long currentVersion, Guid noteId, DateTimeOffset now)
    {
        if (!state.IsSharedWith(coachId)) return Rejection.NotFound("No interview with that id is shared with you.");
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNoteLength) return Rejection.Invalid($"A note needs 1 to {MaxNoteLength} characters.");
        if (atVersion is not null && (atVersion < 1 || atVersion > currentVersion))
            return Rejection.Invalid($"atVersion must be between 1 and the interview's current version {currentVersion}.");
        if (!EnumText.TryParseWire<NoteVisibility>(visibility ?? "private", out var parsed))
            return Rejection.Invalid($"visibility '{visibility}' is not one of private, shared.");
        return Decision.Accept(new CoachNoteAdded(state.Id, noteId, coachId, coachName, trimmed, atVersion, parsed, now));
    }
}
