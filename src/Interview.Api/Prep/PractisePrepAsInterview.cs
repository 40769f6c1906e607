using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Sessions;
using Interview.Domain.Common;
using Interview.Domain.Prep;
using Interview.Domain.Sessions;
using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Prep;

public static class PractisePrepAsInterview
{
    /// <summary>Starts a mock interview whose questions are the pack's, in order.</summary>
    [WolverinePost("/api/v1/prep/{id}/interview", OperationId = "PractisePrepAsInterview")]
    [Tags("Prep")]
    public static async Task<(Results<Created<InterviewCreatedResponse>, ProblemHttpResult>, OutgoingMessages)> Post(
        Guid id, ClaimsPrincipal user, IDocumentSession session, CompanyCatalog companies, TimeProvider clock, CancellationToken cancellation)
    {
        var messages = new OutgoingMessages();
        var pack = await session.Events.AggregateStreamAsync<PrepPack>(id, token: cancellation);
        if (pack is null || !pack.IsOwnedBy(user.UserId())) return (Problems.NotFound("prep pack"), messages);

        var account = await session.LoadAsync<UserAccount>(user.UserId(), cancellation);
        var interviewId = Guid.CreateVersion7();
        var created = new InterviewCreated(interviewId, user.UserId(), Plan(pack, account, companies), clock.GetUtcNow());
        var started = new InterviewStarted(interviewId, clock.GetUtcNow(), user.UserId());
        session.Events.StartStream<InterviewSession>(interviewId, created, started);
        messages.AddRange(InterviewReply.Owed(InterviewSession.Create(created), [started]));
        return (TypedResults.Created($"/api/v1/interviews/{interviewId}", new InterviewCreatedResponse(interviewId)), messages);
    }

    public static InterviewConfig Plan(PrepPack pack, UserAccount? account, CompanyCatalog companies)
    {
        var g = pack.Generated;
        var experience = account?.Profile?.ExperienceYears ?? 2;
        var companyStyle = companies.Find(g.Company) is { } profile && Catalog.CompanyStyles.Contains(profile.Slug) ? profile.Slug : Catalog.GeneralCompany;
        var plan = g.Content.Questions.Select((q, i) => new PlannedQuestion(q.BankQuestionId ?? $"prep.{pack.Id:N}.{i + 1:00}", q.Question, q.RubricCategory,
            [q.Type == PrepQuestionType.Company ? "company" : EnumText.Wire(q.RubricCategory)], q.KeyPoints, q.FollowUpHints)).ToArray();
        return new InterviewConfig(PrepPackBuilder.Track(g.JobTitle, account?.Profile?.TargetRole), g.JobTitle ?? "Software Engineer",
            experience switch { <= 1 => InterviewLevel.Entry, <= 4 => InterviewLevel.Mid, <= 9 => InterviewLevel.Senior, _ => InterviewLevel.Lead },
            InterviewType.Mixed, PrepPackBuilder.DifficultyFor(experience), companyStyle, (account?.Profile?.Skills ?? []).Take(InterviewConfigRules.MaxTechStackEntries).ToArray(),
            Math.Min(plan.Length, InterviewDecider.MaxQuestions), plan, pack.Id);
    }
}
