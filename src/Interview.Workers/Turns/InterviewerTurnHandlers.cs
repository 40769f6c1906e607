using Interview.Domain.Questions;
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
        var state = await session.LoadAsync<InterviewSession>(due.InterviewId, cancellation);
        if (state is null || state.TurnRequest != due.TurnRequest || state.Awaiting != Awaiting.Interviewer) return null;

        var history = await session.LoadAsync<CandidateQuestionHistory>(state.CandidateId, cancellation);
        return await interviewer.NextTurnAsync(state, history?.QuestionIds ?? [], cancellation);
    }
}

/// <summary>
/// Appends a proposed turn after the pure decision, with the audit of the LLM calls that produced it.
/// A duplicate or stale proposal appends no turn; a proposal the rules refuse is replaced by the offline engine's turn,
/// so an interview never stays stuck waiting for the interviewer.
/// </summary>
public static class AppendInterviewerTurnHandler
{
    public static async Task Handle(
        InterviewerTurn turn, IDocumentSession session, QuestionBank bank, TimeProvider clock, ILogger<InterviewerTurn> logger, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<InterviewSession>(turn.InterviewId, cancellation);
        if (stream.Aggregate is not { } state) return;

        var now = clock.GetUtcNow();
        var decision = InterviewDecider.ApplyTurn(state, turn, now);
        if (decision.IsRejected)
        {
            logger.LogWarning("Interviewer turn for {InterviewId} refused ({Reason}); the offline engine takes it", turn.InterviewId, decision.Rejection!.Detail);
            var history = await session.LoadAsync<CandidateQuestionHistory>(state.CandidateId, cancellation);
            decision = InterviewDecider.ApplyTurn(state, OfflineInterviewer.NextTurn(state, bank, history?.QuestionIds ?? []), now);
        }
        var events = (turn.LlmCalls ?? []).Cast<object>().Concat(decision.Events).ToArray();
        if (events.Length > 0) stream.AppendMany(events);
    }
}
