using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Domain.Common;
using Interview.Domain.Prep;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using Interview.Projections.Accounts;
using Interview.Projections.Prep;
using Interview.Workers.Prep;
using Interview.Workers.Reports;
using Interview.Workers.Turns;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Prep;

public sealed record PrepRequest([Required] string? Company, string? JobTitle, string? Industry, bool? ForceRefresh);

public sealed record PrepQuestionView(string Question, PrepQuestionType Type, string AnswerFramework, IReadOnlyList<string> Tips);

public sealed record PrepProgress(int Practised, int Total);

public sealed record PrepPackResponse(
    Guid Id, string Company, string? JobTitle, string? Industry, int Version, IReadOnlyList<PrepQuestionView> Questions, string CompanyCulture,
    PrepInterviewProcess InterviewProcess, IReadOnlyList<string> InterviewTips, IReadOnlyList<string> CommonTopics, bool IsSaved,
    IReadOnlyList<int> PracticedQuestions, IReadOnlyList<PractisedQuestion> Practice, PrepProgress Progress, bool IsGeneric,
    PrepSource GeneratedBy, DateTimeOffset CreatedAt, DateTimeOffset CachedUntil)
{
    public static PrepPackResponse From(PrepPackView v) =>
        new(v.Id, v.Company, v.JobTitle, v.Industry, v.PackVersion, v.Questions.Select(q => new PrepQuestionView(q.Question, q.Type, q.AnswerFramework, q.Tips)).ToArray(),
            v.CompanyCulture, v.InterviewProcess, v.InterviewTips, v.CommonTopics, v.IsSaved, v.PracticedQuestions, v.Practice,
            new PrepProgress(v.PracticedQuestions.Count, v.Questions.Count), v.IsGeneric, v.GeneratedBy, v.CreatedAt, v.CachedUntil);
}

public sealed record PracticeRequest(int? QuestionIndex, string? Answer);

public sealed record CompanyPrep(string Company, int PrepCount, DateTimeOffset LastPrepared, bool IsSaved);

public static class CreatePrepPack
{
    public static readonly TimeSpan CacheWindow = TimeSpan.FromDays(7);
    public const int MaxCompanyLength = 199;

    public static ProblemDetails Validate(PrepRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var company = request.Company?.Trim() ?? "";
        if (company.Length == 0 || company.Length > MaxCompanyLength || CompanyCatalog.Key(company).Length == 0)
            errors["company"] = [$"A company name of 1 to {MaxCompanyLength} characters is required."];
        if (request.JobTitle is { Length: > 200 }) errors["jobTitle"] = ["The job title must be at most 200 characters."];
        if (request.Industry is { Length: > 200 }) errors["industry"] = ["The industry must be at most 200 characters."];
        return Problems.Validation(errors);
    }

    /// <summary>
    /// A prep pack for a company and role: the same request within 7 days returns the existing pack (200, cache hit recorded);
    /// forceRefresh writes a new version (201).
    /// </summary>
    [WolverinePost("/api/v1/prep", OperationId = "CreatePrepPack")]
    [Tags("Prep")]
    public static async Task<Results<Created<PrepPackResponse>, Ok<PrepPackResponse>>> Post(
        PrepRequest request, ClaimsPrincipal user, IDocumentSession session, IMessageBus bus, TimeProvider clock, CancellationToken cancellation)
    {
        var candidate = user.UserId();
        var now = clock.GetUtcNow();
        var company = string.Join(' ', request.Company!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var jobTitle = string.IsNullOrWhiteSpace(request.JobTitle) ? null : request.JobTitle.Trim();
        var industry = string.IsNullOrWhiteSpace(request.Industry) ? null : request.Industry.Trim();
        var cacheKey = $"{CompanyCatalog.Key(company)}|{CompanyCatalog.Key(jobTitle)}|{CompanyCatalog.Key(industry)}";
        var earlier = await session.Query<PrepPackView>().Where(p => p.CandidateId == candidate && p.CacheKey == cacheKey)
            .OrderByDescending(p => p.CreatedAt).ToListAsync(cancellation);

        var cached = earlier.FirstOrDefault(p => !p.Deleted && p.CachedUntil > now);
        if (cached is not null && request.ForceRefresh != true)
        {
            session.Events.Append(cached.Id, new PrepPackCacheHit(cached.Id, candidate, now));
            return TypedResults.Ok(PrepPackResponse.From(cached));
        }

        var account = await session.LoadAsync<UserAccount>(candidate, cancellation);
        var profile = new PrepCandidate(account?.Profile?.TargetRole, account?.Profile?.ExperienceYears ?? 2, account?.Profile?.Skills ?? []);
        var packId = Guid.CreateVersion7();
        var written = await bus.InvokeAsync<PrepPackWritten>(new WritePrepPack(packId, company, jobTitle, industry, profile), cancellation);
        var generated = new PrepPackGenerated(packId, candidate, company, CompanyCatalog.Key(company), jobTitle, industry, cacheKey,
            earlier.Count == 0 ? 1 : earlier.Max(p => p.PackVersion) + 1, written.Content, written.Source, now, now + CacheWindow);
        session.Events.StartStream<PrepPackView>(packId, new object[] { generated }.Concat(written.Calls).ToArray());
        return TypedResults.Created($"/api/v1/prep/{packId}", PrepPackResponse.From(PrepPackViewProjection.Create(generated)));
    }
}

public static class PrepPacks
{
    /// <summary>The caller's prep packs, newest first (?savedOnly=true for the saved ones).</summary>
    [WolverineGet("/api/v1/prep", OperationId = "ListPrepPacks")]
    [Tags("Prep")]
    public static async Task<IReadOnlyList<PrepPackResponse>> List(bool? savedOnly, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var candidate = user.UserId();
        var query = session.Query<PrepPackView>().Where(p => p.CandidateId == candidate && !p.Deleted);
        if (savedOnly == true) query = query.Where(p => p.IsSaved);
        return (await query.OrderByDescending(p => p.CreatedAt).ToListAsync(cancellation)).Select(PrepPackResponse.From).ToArray();
    }

    /// <summary>The companies the caller prepared for: how many packs, when last, and whether one is saved.</summary>
    [WolverineGet("/api/v1/prep/companies", OperationId = "PrepCompanies")]
    [Tags("Prep")]
    public static async Task<IReadOnlyList<CompanyPrep>> Companies(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var candidate = user.UserId();
        var packs = await session.Query<PrepPackView>().Where(p => p.CandidateId == candidate && !p.Deleted).ToListAsync(cancellation);
        return packs.GroupBy(p => p.CompanyKey)
            .Select(g => new CompanyPrep(g.OrderByDescending(p => p.CreatedAt).First().Company, g.Count(), g.Max(p => p.CreatedAt), g.Any(p => p.IsSaved)))
            .OrderByDescending(c => c.LastPrepared).ToArray();
    }

    /// <summary>One of the caller's prep packs.</summary>
    [WolverineGet("/api/v1/prep/{id}", OperationId = "GetPrepPack")]
    [Tags("Prep")]
    public static async Task<Results<Ok<PrepPackResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation) =>
        await Owned(session, id, user, cancellation) is { } pack ? TypedResults.Ok(PrepPackResponse.From(pack)) : Problems.NotFound("prep pack");

    /// <summary>Saves a prep pack to the caller's list.</summary>
    [WolverinePost("/api/v1/prep/{id}/save", OperationId = "SavePrepPack")]
    [Tags("Prep")]
    public static Task<Results<Ok<PrepPackResponse>, ProblemHttpResult>> Save(Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Change(session, id, user, pack => pack.IsSaved ? null : new PrepPackSaved(id, clock.GetUtcNow()), cancellation);

    /// <summary>Removes a prep pack from the caller's saved list.</summary>
    [WolverinePost("/api/v1/prep/{id}/unsave", OperationId = "UnsavePrepPack")]
    [Tags("Prep")]
    public static Task<Results<Ok<PrepPackResponse>, ProblemHttpResult>> Unsave(Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Change(session, id, user, pack => pack.IsSaved ? new PrepPackUnsaved(id, clock.GetUtcNow()) : null, cancellation);

    /// <summary>Deletes one of the caller's prep packs.</summary>
    [WolverineDelete("/api/v1/prep/{id}", OperationId = "DeletePrepPack")]
    [Tags("Prep")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        if (await Owned(session, id, user, cancellation) is null) return Problems.NotFound("prep pack");
        session.Events.Append(id, new PrepPackDeleted(id, clock.GetUtcNow()));
        return TypedResults.NoContent();
    }

    /// <summary>Marks a question practised; an optional answer is scored by the same single-answer evaluation as /evaluations.</summary>
    [WolverinePost("/api/v1/prep/{id}/practice", OperationId = "PractisePrepQuestion")]
    [Tags("Prep")]
    public static async Task<Results<Ok<PrepPackResponse>, ProblemHttpResult>> Practise(
        Guid id, PracticeRequest request, ClaimsPrincipal user, IDocumentSession session, IReportScorer scorer, TimeProvider clock, CancellationToken cancellation)
    {
        var pack = await Owned(session, id, user, cancellation);
        if (pack is null) return Problems.NotFound("prep pack");
        var errors = new Dictionary<string, string[]>();
        if (request.QuestionIndex is null || request.QuestionIndex < 0 || request.QuestionIndex >= pack.Questions.Count)
            errors["questionIndex"] = [$"questionIndex must be between 0 and {pack.Questions.Count - 1}."];
        if (request.Answer is { Length: > InterviewDecider.MaxAnswerLength })
            errors["answer"] = [$"The answer is {request.Answer.Length} characters long; the limit is {InterviewDecider.MaxAnswerLength}."];
        if (errors.Count > 0) return TypedResults.Problem(Problems.Validation(errors));

        var index = request.QuestionIndex!.Value;
        var question = pack.Questions[index];
        AnswerEvaluation? evaluation = null;
        var calls = new List<object>();
        if (!string.IsNullOrWhiteSpace(request.Answer))
        {
            var scored = await scorer.ScoreAsync(id, [new AnswerToScore(question.BankQuestionId ?? $"prep.{id:N}.{index + 1:00}", question.Question,
                question.RubricCategory, question.KeyPoints, [], [request.Answer.Trim()])], cancellation);
            evaluation = scored.Answers[0];
            calls.AddRange(scored.Calls);
        }
        var practised = new PrepQuestionPractised(id, index, request.Answer?.Trim(), evaluation, clock.GetUtcNow());
        session.Events.Append(id, calls.Append(practised).ToArray());
        var view = pack;
        new PrepPackViewProjection().Apply(practised, view);
        return TypedResults.Ok(PrepPackResponse.From(view));
    }

    /// <summary>Starts a mock interview whose questions are the pack's, in order.</summary>
    [WolverinePost("/api/v1/prep/{id}/interview", OperationId = "PractisePrepAsInterview")]
    [Tags("Prep")]
    public static async Task<(Results<Created<Sessions.InterviewCreatedResponse>, ProblemHttpResult>, OutgoingMessages)> Interview(
        Guid id, ClaimsPrincipal user, IDocumentSession session, CompanyCatalog companies, TimeProvider clock, CancellationToken cancellation)
    {
        var messages = new OutgoingMessages();
        var pack = await Owned(session, id, user, cancellation);
        if (pack is null) return (Problems.NotFound("prep pack"), messages);

        var account = await session.LoadAsync<UserAccount>(user.UserId(), cancellation);
        var experience = account?.Profile?.ExperienceYears ?? 2;
        var companyStyle = companies.Find(pack.Company) is { } profile && Catalog.CompanyStyles.Contains(profile.Slug) ? profile.Slug : Catalog.GeneralCompany;
        var plan = pack.Questions.Select((q, i) => new PlannedQuestion(q.BankQuestionId ?? $"prep.{id:N}.{i + 1:00}", q.Question, q.RubricCategory,
            [q.Type == PrepQuestionType.Company ? "company" : EnumText.Wire(q.RubricCategory)], q.KeyPoints, q.FollowUpHints)).ToArray();
        var config = new InterviewConfig(PrepPackBuilder.Track(pack.JobTitle, account?.Profile?.TargetRole), pack.JobTitle ?? "Software Engineer",
            experience switch { <= 1 => InterviewLevel.Entry, <= 4 => InterviewLevel.Mid, <= 9 => InterviewLevel.Senior, _ => InterviewLevel.Lead },
            InterviewType.Mixed, PrepPackBuilder.DifficultyFor(experience), companyStyle, (account?.Profile?.Skills ?? []).Take(InterviewConfigRules.MaxTechStackEntries).ToArray(),
            Math.Min(plan.Length, InterviewDecider.MaxQuestions), plan, id);

        var interviewId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        session.Events.StartStream<InterviewSession>(interviewId,
            new InterviewCreated(interviewId, user.UserId(), config, now), new InterviewStarted(interviewId, now, user.UserId()));
        messages.Add(new InterviewerTurnDue(interviewId, 1));
        return (TypedResults.Created($"/api/v1/interviews/{interviewId}", new Sessions.InterviewCreatedResponse(interviewId)), messages);
    }

    private static async Task<PrepPackView?> Owned(IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken cancellation) =>
        await session.LoadAsync<PrepPackView>(id, cancellation) is { Deleted: false } pack && pack.CandidateId == user.UserId() ? pack : null;

    private static async Task<Results<Ok<PrepPackResponse>, ProblemHttpResult>> Change(
        IDocumentSession session, Guid id, ClaimsPrincipal user, Func<PrepPackView, object?> decide, CancellationToken cancellation)
    {
        var pack = await Owned(session, id, user, cancellation);
        if (pack is null) return Problems.NotFound("prep pack");
        var change = decide(pack);
        if (change is PrepPackSaved) pack.IsSaved = true;
        if (change is PrepPackUnsaved) pack.IsSaved = false;
        if (change is not null) session.Events.Append(id, change);
        return TypedResults.Ok(PrepPackResponse.From(pack));
    }
}
