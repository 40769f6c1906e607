using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Marten;
using Microsoft.Extensions.Logging;

namespace Interview.Workers.Turns;

/// <summary>The interviewer owes a turn for turn request <paramref name="TurnRequest"/>. Sent durably through the outbox.</summary>
public sealed record InterviewerTurnDue(Guid InterviewId, int TurnRequest);

/// <summary>
/// Writes the interviewer's next turn. Deliberately reads without a write transaction: the (possibly slow) engine
/// call happens here, and the proposal is cascaded to <see cref="AppendInterviewerTurnHandler"/>.
/// </summary>
public static class WriteInterviewerTurnHandler
{
    public static async Task<InterviewerTurn?> Handle(
        InterviewerTurnDue due, IQuerySession session, IInterviewer interviewer, CancellationToken cancellation)
    {
        var state = await session.Events.AggregateStreamAsync<InterviewSession>(due.InterviewId, token: cancellation);
        if (state is null || state.TurnRequest != due.TurnRequest || state.Awaiting != Awaiting.Interviewer) return null;

        var history = await session.LoadAsync<CandidateQuestionHistory>(state.CandidateId, cancellation);
        return await interviewer.NextTurnAsync(state, history?.QuestionIds ?? [], cancellation);
    }
}

/// <summary>Appends a proposed turn after the pure decision; a duplicate or stale proposal appends nothing.</summary>
public static class AppendInterviewerTurnHandler
{
    public static async Task Handle(
        InterviewerTurn turn, IDocumentSession session, TimeProvider clock, ILogger<InterviewerTurn> logger, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<InterviewSession>(turn.InterviewId, cancellation);
        if (stream.Aggregate is null) return;

        var decision = InterviewDecider.ApplyTurn(stream.Aggregate, turn, clock.GetUtcNow());
        if (decision.IsRejected)
        {
            logger.LogWarning("Interviewer turn for {InterviewId} refused: {Reason}", turn.InterviewId, decision.Rejection!.Detail);
            return;
        }
        if (decision.Events.Count > 0) stream.AppendMany(decision.Events);
    }
}
