using System.Collections.Concurrent;
using System.Diagnostics;
using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Marten;
using Marten.Services;

namespace Interview.Workers.Telemetry;

/// <summary>
/// Measures, from committed events, how long the candidate waits: from an answer (or the start) being stored to the
/// interviewer's next turn being stored, and from a report being requested to it being stored. It remembers the
/// moments in memory, so a turn or report written by another node (or after a restart) is not measured.
/// </summary>
public sealed class InterviewLatencyListener(InterviewMetrics metrics) : DocumentSessionListenerBase
{
    private const int MaxPending = 10_000;
    private readonly ConcurrentDictionary<Guid, long> turnsOwed = new();
    private readonly ConcurrentDictionary<(Guid, int), long> reportsOwed = new();

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents()) Observe(e.Data, Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }

    private void Observe(object data, long now)
    {
        switch (data)
        {
            case InterviewStarted e: Owe(turnsOwed, e.InterviewId, now); break;
            case AnswerSubmitted e: Owe(turnsOwed, e.InterviewId, now); break;
            case InterviewerGreeted e: Turn(e.InterviewId, "greeting", now); break;
            case WarmUpAsked e: Turn(e.InterviewId, "warmUp", now); break;
            case QuestionAsked e: Turn(e.InterviewId, "question", now); break;
            case FollowUpAsked e: Turn(e.InterviewId, "followUp", now); break;
            case InterviewClosed e: Turn(e.InterviewId, "closing", now); break;
            case InterviewFinalized e: turnsOwed.TryRemove(e.InterviewId, out _); break;
            case InterviewAbandoned e: turnsOwed.TryRemove(e.InterviewId, out _); break;
            case ReportRequested e: Owe(reportsOwed, (e.InterviewId, e.ReportVersion), now); break;
            case ReportGenerated e when reportsOwed.TryRemove((e.InterviewId, e.Report.Version), out var since):
                metrics.RecordReportLatency(Stopwatch.GetElapsedTime(since, now), EnumText.Wire(e.Report.ScoredBy.Kind));
                break;
            case ReportFailed e:
                reportsOwed.TryRemove((e.InterviewId, e.ReportVersion), out _);
                metrics.RecordReportFailure();
                break;
        }
    }

    private void Turn(Guid interviewId, string kind, long now)
    {
        if (turnsOwed.TryRemove(interviewId, out var since)) metrics.RecordTurnLatency(Stopwatch.GetElapsedTime(since, now), kind);
    }

    // A bounded memory: past the limit the pending moments are forgotten rather than grow without end.
    private static void Owe<TKey>(ConcurrentDictionary<TKey, long> pending, TKey key, long now) where TKey : notnull
    {
        if (pending.Count >= MaxPending) pending.Clear();
        pending[key] = now;
    }
}
