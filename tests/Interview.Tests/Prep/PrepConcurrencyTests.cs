using System.Text.Json;
using Interview.Domain.Prep;
using Interview.Tests.Hosting;
using Marten;
using Shouldly;

namespace Interview.Tests.Prep;

/// <summary>Parallel writes on prep packs, each repeated over several trials: nothing acknowledged is lost, nothing is made twice.</summary>
public sealed class PrepConcurrencyTests(AppFixture fixture) : ApiTest(fixture)
{
    private const int Trials = 3;

    private async Task<Guid> NewPack(Caller candidate, string company)
    {
        var result = await Host.As(candidate, s => { s.Post.Json(new { company }).ToUrl("/api/v1/prep"); s.StatusCodeShouldBe(201); });
        return (await result.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task ten_parallel_practices_on_one_pack_are_all_in_the_pack_afterwards()
    {
        var candidate = await Host.SignedUp();
        for (var trial = 0; trial < Trials; trial++)
        {
            var id = await NewPack(candidate, $"Stripe {trial}");
            var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Host.As(candidate, s =>
            {
                s.Post.Json(new { questionIndex = i, answer = $"Trial {trial} answer {i}: I would measure first, then add an index because latency matters." })
                    .ToUrl($"/api/v1/prep/{id}/practice");
                s.IgnoreStatusCode();
            })));

            var acknowledged = results.Where(r => r.Context.Response.StatusCode == 200).Select((_, i) => i).ToArray();
            results.Select(r => r.Context.Response.StatusCode).ShouldAllBe(status => status == 200 || status == 409);
            var pack = await (await Host.As(candidate, s => s.Get.Url($"/api/v1/prep/{id}"))).ReadAsJsonAsync<JsonElement>();
            var stored = pack.GetProperty("practice").EnumerateArray().Select(p => p.GetProperty("answer").GetString()).ToHashSet();
            for (var i = 0; i < results.Length; i++)
                if (results[i].Context.Response.StatusCode == 200)
                    stored.ShouldContain(a => a!.StartsWith($"Trial {trial} answer {i}:"));
            acknowledged.Length.ShouldBe(10, "practice entries commute, so racing practices queue instead of failing");
            pack.GetProperty("progress").GetProperty("practised").GetInt32().ShouldBe(10);
        }
    }

    [Fact]
    public async Task ten_parallel_identical_prep_requests_make_one_pack()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var candidate = await Host.SignedUp();
            var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Host.As(candidate, s =>
            {
                s.Post.Json(new { company = i % 2 == 0 ? "Netflix" : "  netflix ", jobTitle = "Backend Engineer" }).ToUrl("/api/v1/prep");
                s.IgnoreStatusCode();
            })));

            results.Select(r => r.Context.Response.StatusCode).Order().ShouldBe([.. Enumerable.Repeat(200, 9), 201]);
            var ids = new HashSet<Guid>();
            foreach (var result in results) ids.Add((await result.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            ids.Count.ShouldBe(1);
            await using var session = Fixture.Store.QuerySession();
            (await session.Events.QueryRawEventDataOnly<PrepPackGenerated>().Where(e => e.CandidateId == candidate.Id).CountAsync()).ShouldBe(1);
            (await session.Events.FetchStreamAsync(ids.Single())).Count(e => e.Data is PrepPackCacheHit).ShouldBe(9);
        }
    }

    [Fact]
    public async Task parallel_deletes_of_one_pack_give_one_204_and_the_rest_404_or_409()
    {
        var candidate = await Host.SignedUp();
        for (var trial = 0; trial < Trials; trial++)
        {
            var id = await NewPack(candidate, $"Airbnb {trial}");
            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Host.As(candidate, s => { s.Delete.Url($"/api/v1/prep/{id}"); s.IgnoreStatusCode(); })));

            var statuses = results.Select(r => r.Context.Response.StatusCode).ToArray();
            statuses.Count(s => s == 204).ShouldBe(1);
            statuses.Where(s => s != 204).ShouldAllBe(s => s == 404 || s == 409);
            await using var session = Fixture.Store.QuerySession();
            (await session.Events.FetchStreamAsync(id)).Count(e => e.Data is PrepPackDeleted).ShouldBe(1);
        }
    }

    [Fact]
    public async Task a_deleted_pack_is_not_served_from_the_cache()
    {
        var candidate = await Host.SignedUp();
        var id = await NewPack(candidate, "Spotify");
        await Host.As(candidate, s => { s.Delete.Url($"/api/v1/prep/{id}"); s.StatusCodeShouldBe(204); });

        var again = await Host.As(candidate, s => { s.Post.Json(new { company = "Spotify" }).ToUrl("/api/v1/prep"); s.StatusCodeShouldBe(201); });
        var pack = await again.ReadAsJsonAsync<JsonElement>();
        pack.GetProperty("id").GetGuid().ShouldNotBe(id);
        pack.GetProperty("version").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task cache_hits_racing_practice_on_the_same_pack_lose_no_practice()
    {
        var candidate = await Host.SignedUp();
        for (var trial = 0; trial < Trials; trial++)
        {
            var company = $"Shopify {trial}";
            var id = await NewPack(candidate, company);
            var practice = Enumerable.Range(0, 5).Select(i => Host.As(candidate, s =>
            {
                s.Post.Json(new { questionIndex = i, answer = $"Answer {i} of trial {trial}." }).ToUrl($"/api/v1/prep/{id}/practice");
                s.IgnoreStatusCode();
            }));
            var hits = Enumerable.Range(0, 5).Select(_ => Host.As(candidate, s =>
            {
                s.Post.Json(new { company }).ToUrl("/api/v1/prep");
                s.IgnoreStatusCode();
            }));
            var results = await Task.WhenAll(practice.Concat(hits));

            results.Select(r => r.Context.Response.StatusCode).ShouldAllBe(status => status == 200);
            var pack = await (await Host.As(candidate, s => s.Get.Url($"/api/v1/prep/{id}"))).ReadAsJsonAsync<JsonElement>();
            pack.GetProperty("practice").GetArrayLength().ShouldBe(5);
            await using var session = Fixture.Store.QuerySession();
            (await session.Events.FetchStreamAsync(id)).Count(e => e.Data is PrepPackCacheHit).ShouldBe(5);
        }
    }
}
