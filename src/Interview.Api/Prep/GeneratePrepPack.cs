using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Idempotency;
using Interview.Domain.Prep;
using Interview.Projections.Accounts;
using Interview.Workers.Prep;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Interview.Api.Prep;

public sealed record PrepRequest([Required] string? Company, string? JobTitle, string? Industry, bool? ForceRefresh);

public static class GeneratePrepPack
{
    public const int MaxCompanyLength = 199;
    private static readonly TimeSpan SlotWait = TimeSpan.FromSeconds(60);

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
    /// forceRefresh writes a new version (201). Identical requests in parallel make one pack.
    /// </summary>
    [WolverinePost("/api/v1/prep", OperationId = "CreatePrepPack")]
    [Tags("Prep")]
    public static async Task<Results<Created<PrepPackResponse>, Ok<PrepPackResponse>>> Post(
        PrepRequest request, ClaimsPrincipal user, IDocumentStore store, AdvisoryLocks locks, IMessageBus bus, TimeProvider clock, CancellationToken cancellation)
    {
        var candidate = user.UserId();
        var company = string.Join(' ', request.Company!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var jobTitle = string.IsNullOrWhiteSpace(request.JobTitle) ? null : request.JobTitle.Trim();
        var industry = string.IsNullOrWhiteSpace(request.Industry) ? null : request.Industry.Trim();
        var cacheKey = $"{CompanyCatalog.Key(company)}|{CompanyCatalog.Key(jobTitle)}|{CompanyCatalog.Key(industry)}";
        var slotId = PrepCacheSlot.IdFor(candidate, cacheKey);

        // Identical requests queue on the slot: the first writes the pack, the others are then served it from the cache.
        // The slot stream's version check still makes a second writer lose (409) should the lock ever be bypassed.
        await using var queued = await locks.AcquireAsync(AdvisoryLocks.PrepCacheScope, slotId.ToString(), SlotWait, cancellation);
        await using var session = store.LightweightSession();
        var slot = await session.Events.FetchForWriting<PrepCacheSlot>(slotId, cancellation);
        // A cache hit is an append to the pack: it queues with practice on the pack and checks the pack's version.
        await using var packQueued = slot.Aggregate is { } current
            ? await locks.AcquireAsync(AdvisoryLocks.PrepPackScope, current.PackId.ToString(), SlotWait, cancellation)
            : null;
        var cached = slot.Aggregate is { } entry ? await session.Events.FetchForWriting<PrepPack>(entry.PackId, cancellation) : null;
        var now = clock.GetUtcNow();

        switch (PrepPackDecider.Request(slot.Aggregate, cached?.Aggregate, request.ForceRefresh == true, now))
        {
            case PrepRequestOutcome.FromCache:
                cached!.AppendMany(PrepPackDecider.CacheHit(cached.Aggregate!, now).Events.ToArray());
                await session.SaveChangesAsync(cancellation);
                return TypedResults.Ok(PrepPackResponse.From(cached.Aggregate!));

            case PrepRequestOutcome.Generate generate:
                var account = await session.LoadAsync<UserAccount>(candidate, cancellation);
                var profile = new PrepCandidate(account?.Profile?.TargetRole, account?.Profile?.ExperienceYears ?? 2, account?.Profile?.Skills ?? []);
                var packId = Guid.CreateVersion7();
                var written = await bus.InvokeAsync<PrepPackWritten>(new WritePrepPack(packId, company, jobTitle, industry, profile), cancellation);
                var (generated, cachedEntry) = PrepPackDecider.Generated(slotId, packId, candidate, company, CompanyCatalog.Key(company), jobTitle, industry,
                    cacheKey, generate.Version, written.Content, written.Source, now);
                session.Events.StartStream<PrepPack>(packId, new object[] { generated }.Concat(written.Calls).ToArray());
                slot.AppendOne(cachedEntry);
                await session.SaveChangesAsync(cancellation);
                return TypedResults.Created($"/api/v1/prep/{packId}", PrepPackResponse.From(PrepPack.Create(generated)));

            default:
                throw new InvalidOperationException("Unknown prep request outcome.");
        }
    }
}
