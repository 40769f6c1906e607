using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Domain.Reports;
using Interview.Workers.Reports;
using Interview.Workers.Turns;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;

namespace Interview.Api.Sessions;

public sealed record InterviewAccepted(Guid Id, long Version);

/// <summary>
/// The one path every interview command takes: load the stream for writing, refuse other users with 404, decide purely,
/// append, and ask the interviewer for a turn (through the durable outbox) when the decision leaves one owed.
/// </summary>
public static class InterviewCommands
{
    public static async Task<(Results<Accepted<InterviewAccepted>, ProblemHttpResult>, OutgoingMessages)> Run(
        IDocumentSession session, Guid id, ClaimsPrincipal user, Func<InterviewSession, Decision> decide, CancellationToken cancellation,
        Func<InterviewSession, bool>? mayAct = null)
    {
        var messages = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<InterviewSession>(id, cancellation);
        if (stream.Aggregate is null || !(mayAct ?? (state => state.CandidateId == user.UserId()))(stream.Aggregate))
            return (Problems.NotFound("interview"), messages);

        var decision = decide(stream.Aggregate);
        if (decision.IsRejected) return (Problems.From(decision.Rejection!), messages);

        stream.AppendMany(decision.Events);
        var owesTurn = decision.Events.Any(e => e is InterviewStarted or AnswerSubmitted);
        if (owesTurn) messages.Add(new InterviewerTurnDue(id, stream.Aggregate.TurnRequest + 1));
        foreach (var requested in decision.Events.OfType<ReportRequested>())
            messages.Add(new GenerateReport(id, requested.ReportVersion));
        var version = (stream.StartingVersion ?? 0) + decision.Events.Count;
        return (Accepted(id, version), messages);
    }

    public static Accepted<InterviewAccepted> Accepted(Guid id, long version) =>
        TypedResults.Accepted($"/api/v1/interviews/{id}", new InterviewAccepted(id, version));
}
