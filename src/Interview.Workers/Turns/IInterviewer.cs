using Interview.Domain.Questions;
using Interview.Domain.Sessions;

namespace Interview.Workers.Turns;

/// <summary>
/// The seam between the interview flow and whatever writes the interviewer's words.
/// Implementations only propose a turn; <see cref="InterviewDecider.ApplyTurn"/> decides what is appended.
/// </summary>
public interface IInterviewer
{
    Task<InterviewerTurn> NextTurnAsync(InterviewSession state, IReadOnlyCollection<string> seenBefore, CancellationToken cancellation);
}

public sealed class OfflineInterviewerEngine(QuestionBank bank) : IInterviewer
{
    public Task<InterviewerTurn> NextTurnAsync(InterviewSession state, IReadOnlyCollection<string> seenBefore, CancellationToken cancellation) =>
        Task.FromResult(OfflineInterviewer.NextTurn(state, bank, seenBefore));
}
