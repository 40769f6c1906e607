using Interview.Domain.Questions;
using Interview.Domain.Sessions;
using JasperFx.Events.Projections;
using Marten;

namespace Interview.Projections.Sessions;

public static class SessionsStoreConfiguration
{
    public static StoreOptions ConfigureSessions(this StoreOptions options)
    {
        options.Projections.LiveStreamAggregation<InterviewSession>();
        options.Projections.Add<InterviewViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<CandidateQuestionHistoryProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<Reports.InterviewReportsProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<InterviewView>().Index(x => x.CandidateId);
        options.Schema.For<Question>().Identity(x => x.Id);
        return options;
    }
}
