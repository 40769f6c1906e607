using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Interview.Workers.Reports;
using Interview.Workers.Turns;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Interview.Api.Sessions;

public sealed record InterviewAccepted(Guid Id, long Version);

/// <summary>
/// How every interview command answers: a decision becomes 202 with the stream version after the append, the events to
/// append (Wolverine appends them with the version it loaded, so a racing writer loses with 409), and the work the
/// events owe, sent through the durable outbox in the same transaction.
/// </summary>
public static class InterviewReply
{
    public static ProblemDetails OwnedBy(InterviewSession? interview, ClaimsPrincipal user) =>
        interview is not null && interview.CandidateId == user.UserId() ? WolverineContinue.NoProblems : NotFound();

    public static ProblemDetails SharedWith(InterviewSession? interview, ClaimsPrincipal user) =>
        interview is not null && interview.IsSharedWith(user.UserId()) ? WolverineContinue.NoProblems : NotFound();

    public static ProblemDetails NotFound() =>
        new() { Status = 404, Title = "Not found", Detail = "No interview with that id exists for this account." };

    public static (Results<Accepted<InterviewAccepted>, ProblemHttpResult>, Events, OutgoingMessages) Of(InterviewSession interview, Decision decision)
    {
        var events = new Events();
        var messages = new OutgoingMessages();
        if (decision.IsRejected) return (Problems.From(decision.Rejection!), events, messages);

        events.AddRange(decision.Events);
        messages.AddRange(Owed(interview, decision.Events));
        return (Accepted(interview.Id, interview.Version + decision.Events.Count), events, messages);
    }

    /// <summary>The off-request work a set of new events owes: an interviewer turn, report generation.</summary>
    public static IEnumerable<object> Owed(InterviewSession before, IReadOnlyList<object> events)
    {
        var owedTurns = events.Count(InterviewSession.OwesInterviewerTurn);
        if (owedTurns > 0) yield return new InterviewerTurnDue(before.Id, before.TurnRequest + owedTurns);
        foreach (var requested in events.OfType<ReportRequested>())
            yield return new GenerateReport(before.Id, requested.ReportVersion);
    }

    public static Accepted<InterviewAccepted> Accepted(Guid id, long version) =>
        TypedResults.Accepted($"/api/v1/interviews/{id}", new InterviewAccepted(id, version));
}
