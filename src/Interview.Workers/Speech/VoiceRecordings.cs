using Interview.Domain.Delivery;
using Marten;

namespace Interview.Workers.Speech;

/// <summary>
/// A candidate's recorded answer: the uploaded audio and what the engine heard, kept outside the event payload (the
/// answer event names it by <see cref="Id"/>). <see cref="UserId"/> is the owner, so export and erasure find every
/// recording of an account with <see cref="VoiceRecordings.ListForUser"/> and <see cref="VoiceRecordings.DeleteForUser"/>.
/// </summary>
public sealed class VoiceRecording
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid InterviewId { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Audio { get; set; } = [];
    public string Transcript { get; set; } = "";
    public string Engine { get; set; } = "";
    public bool Offline { get; set; }
    public double? Confidence { get; set; }
    public double DurationSeconds { get; set; }
    public List<TimedWord> Words { get; set; } = [];
    public List<Silence> Silences { get; set; } = [];
    public DateTimeOffset RecordedAt { get; set; }

    public SpokenAnswer ToSpokenAnswer() =>
        new(Id, DurationSeconds, Engine, Offline, Confidence, Transcript, Words, Silences);
}

public static class VoiceRecordings
{
    public static StoreOptions ConfigureVoiceRecordings(this StoreOptions options)
    {
        options.Schema.For<VoiceRecording>().Index(r => r.UserId).Index(r => r.InterviewId);
        options.Schema.For<SpeechCacheEntry>().Index(e => e.CreatedAt);
        return options;
    }

    /// <summary>Every recording of an account, audio included, oldest first.</summary>
    public static Task<IReadOnlyList<VoiceRecording>> ListForUser(IQuerySession session, Guid userId, CancellationToken cancellation = default) =>
        session.Query<VoiceRecording>().Where(r => r.UserId == userId).OrderBy(r => r.RecordedAt).ToListAsync(cancellation);

    /// <summary>Queues the deletion of every recording of an account; the caller's SaveChangesAsync commits it.</summary>
    public static void DeleteForUser(IDocumentSession session, Guid userId) =>
        session.DeleteWhere<VoiceRecording>(r => r.UserId == userId);
}
