using System.Collections.Immutable;
using Interview.Domain.Reports;

namespace Interview.Domain.Prep;

public sealed record PractisedAnswer(int QuestionIndex, string? Answer, AnswerEvaluation? Evaluation, DateTimeOffset At);

/// <summary>A prep pack's write model, folded from its own stream: what decisions and the owner's reply need.</summary>
public sealed record PrepPack(
    Guid Id, Guid CandidateId, PrepPackGenerated Generated, bool IsSaved, bool Deleted, ImmutableList<PractisedAnswer> Practice)
{
    /// <summary>The stream version, set by Marten when the pack is loaded.</summary>
    public long Version { get; set; }

    public int QuestionCount => Generated.Content.Questions.Count;

    public static PrepPack Create(PrepPackGenerated e) => new(e.PackId, e.CandidateId, e, false, false, []);

    public PrepPack Apply(PrepPackCacheHit _) => this;
    public PrepPack Apply(PrepPackSaved _) => this with { IsSaved = true };
    public PrepPack Apply(PrepPackUnsaved _) => this with { IsSaved = false };
    public PrepPack Apply(PrepPackDeleted _) => this with { Deleted = true };
    public PrepPack Apply(PrepQuestionPractised e) => this with { Practice = Practice.Add(new PractisedAnswer(e.QuestionIndex, e.Answer, e.Evaluation, e.At)) };
    public PrepPack Apply(Sessions.LlmCallRecorded _) => this;

    public bool IsOwnedBy(Guid candidate) => !Deleted && CandidateId == candidate;
}

/// <summary>
/// One candidate's cache slot for a normalised company/title/industry: which pack serves it and until when.
/// Its stream id is <see cref="PrepCacheSlot.IdFor"/>, a natural key, so identical requests meet on one stream.
/// </summary>
public sealed record PrepCacheSlot(Guid Id, Guid CandidateId, string CacheKey, Guid PackId, int Generations, DateTimeOffset CachedUntil)
{
    public long Version { get; set; }

    public static PrepCacheSlot Create(PrepPackCached e) => new(e.SlotId, e.CandidateId, e.CacheKey, e.PackId, e.Version, e.CachedUntil);

    public PrepCacheSlot Apply(PrepPackCached e) => this with { PackId = e.PackId, Generations = e.Version, CachedUntil = e.CachedUntil };

    /// <summary>A name-based (RFC 9562 version 8) id from the candidate and the normalised cache key.</summary>
    public static Guid IdFor(Guid candidate, string cacheKey)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"prep-cache-slot|{candidate:N}|{cacheKey}"));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
