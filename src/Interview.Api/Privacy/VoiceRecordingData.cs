using System.IO.Compression;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Workers.Speech;
using Marten;

namespace Interview.Api.Privacy;

/// <summary>Recorded answers: the audio and what the engine heard, kept outside the events.</summary>
public sealed class VoiceRecordingData(IDocumentStore store) : IPersonalDataSource
{
    public async Task ExportAsync(Guid userId, ZipArchive zip, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var recordings = await VoiceRecordings.ListForUser(session, userId, ct);
        await zip.WriteJsonAsync("recordings/recordings.json", recordings.Select(r => new
        {
            r.Id, r.InterviewId, r.ContentType, r.Transcript, r.Engine, r.Offline, r.Confidence, r.DurationSeconds, r.Words, r.Silences, r.RecordedAt,
            audioFile = AudioFile(r)
        }).ToArray(), ct);
        foreach (var recording in recordings)
        {
            await using var entry = zip.CreateEntry(AudioFile(recording), CompressionLevel.NoCompression).Open();
            await entry.WriteAsync(recording.Audio, ct);
        }
    }

    public async Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        VoiceRecordings.DeleteForUser(session, userId);
        await session.SaveChangesAsync(ct);
    }

    private static string AudioFile(VoiceRecording recording) =>
        $"recordings/{recording.Id:N}.{recording.ContentType.Split('/').Last().Split(';')[0].Trim() switch { "" => "bin", var ext => ext }}";
}

/// <summary>Recorded audio is kept <c>Retention:AudioDays</c>; each deletion is recorded on the interview's stream.</summary>
public sealed class AudioRetention(IDocumentStore store, RetentionSettings settings) : IRetentionRule
{
    public string Name => "audio";

    public async Task<int> EnforceAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (settings.Audio is not { } keep) return 0;
        var cutoff = now - keep;
        await using var session = store.LightweightSession();
        var due = await session.Query<VoiceRecording>().Where(r => r.RecordedAt <= cutoff)
            .Select(r => new { r.Id, r.InterviewId }).ToListAsync(ct);
        foreach (var recording in due)
        {
            session.Delete<VoiceRecording>(recording.Id);
            session.Events.Append(recording.InterviewId, new VoiceRecordingDeleted(recording.InterviewId, recording.Id, ErasureReason.Retention, now));
        }
        await session.SaveChangesAsync(ct);
        return due.Count;
    }
}
