using Interview.Domain.Common;
using Interview.Domain.Reports;

namespace Interview.Domain.Prep;

/// <summary>What a prep request resolves to: the cached pack, or a new pack of this version.</summary>
public abstract record PrepRequestOutcome
{
    public sealed record FromCache(Guid PackId) : PrepRequestOutcome;
    public sealed record Generate(int Version) : PrepRequestOutcome;
}

/// <summary>Prep pack rules as pure functions of (state, command, now).</summary>
public static class PrepPackDecider
{
    public static readonly TimeSpan CacheWindow = TimeSpan.FromDays(7);

    /// <summary>A live pack cached for this slot answers the request unless a refresh is forced.</summary>
    public static PrepRequestOutcome Request(PrepCacheSlot? slot, PrepPack? cached, bool forceRefresh, DateTimeOffset now) =>
        slot is not null && cached is { Deleted: false } && slot.CachedUntil > now && !forceRefresh
            ? new PrepRequestOutcome.FromCache(slot.PackId)
            : new PrepRequestOutcome.Generate((slot?.Generations ?? 0) + 1);

    public static Decision CacheHit(PrepPack pack, DateTimeOffset now) =>
        Decision.Accept(new PrepPackCacheHit(pack.Id, pack.CandidateId, now));

    /// <summary>The generated pack and the slot entry pointing at it, appended together.</summary>
    public static (PrepPackGenerated Pack, PrepPackCached Slot) Generated(
        Guid slotId, Guid packId, Guid candidate, string company, string companyKey, string? jobTitle, string? industry, string cacheKey,
        int version, PrepPackContent content, PrepSource source, DateTimeOffset now) =>
        (new PrepPackGenerated(packId, candidate, company, companyKey, jobTitle, industry, cacheKey, version, content, source, now, now + CacheWindow),
         new PrepPackCached(slotId, candidate, cacheKey, packId, version, now + CacheWindow));

    public static Decision Save(PrepPack pack, DateTimeOffset now) =>
        pack.Deleted ? Gone() : pack.IsSaved ? Decision.Accept() : Decision.Accept(new PrepPackSaved(pack.Id, now));

    public static Decision Unsave(PrepPack pack, DateTimeOffset now) =>
        pack.Deleted ? Gone() : pack.IsSaved ? Decision.Accept(new PrepPackUnsaved(pack.Id, now)) : Decision.Accept();

    public static Decision Delete(PrepPack pack, DateTimeOffset now) =>
        pack.Deleted ? Gone() : Decision.Accept(new PrepPackDeleted(pack.Id, now));

    public static Rejection? CheckPractice(PrepPack pack, int? questionIndex, string? answer)
    {
        if (pack.Deleted) return Gone().Rejection;
        if (questionIndex is null || questionIndex < 0 || questionIndex >= pack.QuestionCount)
            return Rejection.Invalid($"questionIndex must be between 0 and {pack.QuestionCount - 1}.");
        if (answer is { Length: > Sessions.InterviewDecider.MaxAnswerLength })
            return Rejection.Invalid($"The answer is {answer.Length} characters long; the limit is {Sessions.InterviewDecider.MaxAnswerLength}.");
        return null;
    }

    /// <summary>Practice entries commute: each is appended whatever else was practised meanwhile.</summary>
    public static Decision Practise(PrepPack pack, int? questionIndex, string? answer, AnswerEvaluation? evaluation, DateTimeOffset now) =>
        CheckPractice(pack, questionIndex, answer) is { } rejection
            ? rejection
            : Decision.Accept(new PrepQuestionPractised(pack.Id, questionIndex!.Value, string.IsNullOrWhiteSpace(answer) ? null : answer.Trim(), evaluation, now));

    private static Decision Gone() => Rejection.NotFound("No prep pack with that id exists for this account.");
}
