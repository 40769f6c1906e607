using Interview.Domain.Questions;
using Interview.Domain.Sessions;
using JasperFx.Events.Projections;
using Marten;

namespace Interview.Projections.Sessions;

public static class SessionsStoreConfiguration
{
    public static StoreOptions ConfigureSessions(this StoreOptions options)
    {
        // The write model is kept as an inline snapshot, updated in the transaction of every append: a command loads one
        // row instead of replaying a stream that grows with every turn and every audited LLM call.
        options.Projections.Snapshot<InterviewSession>(SnapshotLifecycle.Inline);
        options.Projections.Add<InterviewViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<CandidateQuestionHistoryProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<Reports.InterviewReportsProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<InterviewView>().Index(x => x.CandidateId);
        options.Schema.For<Question>().Identity(x => x.Id);
        return options;
    }
}
