using Interview.Domain.Accounts;
using Interview.Domain.Sessions;
using Marten.Events.Projections;

namespace Interview.Projections.Sessions;

/// <summary>Every bank question a candidate has been asked, across interviews: the picker never repeats one until the pool runs dry.</summary>
public sealed class CandidateQuestionHistory
{
    public Guid Id { get; set; }
    public List<string> QuestionIds { get; set; } = [];
}

public sealed partial class CandidateQuestionHistoryProjection : MultiStreamProjection<CandidateQuestionHistory, Guid>
{
    public CandidateQuestionHistoryProjection()
    {
        Identity<QuestionAsked>(e => e.CandidateId);
        Identity<AccountErased>(e => e.UserId);
        DeleteEvent<AccountErased>();
    }

    public void Apply(QuestionAsked e, CandidateQuestionHistory history)
    {
        if (!history.QuestionIds.Contains(e.QuestionId)) history.QuestionIds.Add(e.QuestionId);
    }
}
