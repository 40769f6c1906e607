using Marten;
using Marten.Services;

namespace Interview.Api.Live;

/// <summary>
/// Queues <c>pg_notify(channel, 'streamId:version')</c> in the same batch as every appended event, so PostgreSQL
/// delivers it to every listening API process only when the transaction commits (and never for a rolled-back one).
/// </summary>
public sealed class StreamChangeNotifier : DocumentSessionListenerBase
{
    public const string Channel = "interview_stream_changes";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
        {
            if (stream.Events.Count == 0) continue;
            var version = stream.Events.Max(e => e.Version);
            session.QueueSqlCommand("select pg_notify(?, ?)", Channel, $"{stream.Id:N}:{version}");
        }
        return Task.CompletedTask;
    }
}
