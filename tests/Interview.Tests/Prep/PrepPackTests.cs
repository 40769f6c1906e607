using System.Text.Json;
using Interview.Domain.Prep;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Interview.Tests.Hosting;
using Marten;
using Shouldly;

namespace Interview.Tests.Prep;

public sealed class PrepPackTests(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<(Caller Candidate, JsonElement Pack, int Status)> Pack(object request, Caller? caller = null)
    {
        var candidate = caller ?? await Host.SignedUp();
        var result = await Host.As(candidate, s => { s.Post.Json(request).ToUrl("/api/v1/prep"); s.IgnoreStatusCode(); });
        return (candidate, await result.ReadAsJsonAsync<JsonElement>(), result.Context.Response.StatusCode);
    }

    private async Task<Caller> CandidateWithProfile()
    {
        var candidate = await Host.SignedUp();
        await Host.As(candidate, s =>
        {
            s.Put.Json(new { targetRole = "Backend Engineer", experienceYears = 5, skills = new[] { "python", "sql" }, resumeText = "Built APIs with PostgreSQL and Kafka." })
                .ToUrl("/api/v1/me/profile");
            s.StatusCodeShouldBe(200);
        });
        return candidate;
    }

    private async Task<int> Streams()
    {
        await using var session = Fixture.Store.QuerySession();
        return (await session.QueryAsync<int>("select count(*)::int from interview.mt_streams")).Single();
    }

    [Fact]
    public async Task an_offline_pack_has_ten_personalised_questions_culture_process_tips_and_topics()
    {
        var candidate = await CandidateWithProfile();
        var (_, pack, status) = await Pack(new { company = "  GOOGLE ", jobTitle = "Backend Engineer" }, candidate);

        status.ShouldBe(201);
        var questions = pack.GetProperty("questions").EnumerateArray().ToArray();
        questions.Length.ShouldBe(10);
        questions.Count(q => q.GetProperty("type").GetString() == "technical").ShouldBeInRange(3, 4);
        questions.Count(q => q.GetProperty("type").GetString() == "behavioral").ShouldBeInRange(3, 4);
        questions.Count(q => q.GetProperty("type").GetString() == "company").ShouldBeInRange(2, 3);
        questions.ShouldAllBe(q => q.GetProperty("answerFramework").GetString()!.Length > 20 && q.GetProperty("tips").GetArrayLength() > 0);
        questions.Where(q => q.GetProperty("type").GetString() == "behavioral").ShouldAllBe(q => q.GetProperty("answerFramework").GetString()!.StartsWith("STAR"));
        pack.GetProperty("companyCulture").GetString()!.Split("\n\n").Length.ShouldBeInRange(2, 3);
        pack.GetProperty("interviewProcess").GetProperty("stages").GetArrayLength().ShouldBeGreaterThan(2);
        pack.GetProperty("interviewTips").GetArrayLength().ShouldBe(5);
        pack.GetProperty("commonTopics").GetArrayLength().ShouldBeInRange(5, 6);
        pack.GetProperty("generatedBy").GetProperty("kind").GetString().ShouldBe("offline");
        pack.GetProperty("isGeneric").GetBoolean().ShouldBeFalse();
        pack.GetProperty("company").GetString().ShouldBe("GOOGLE");
    }

    [Fact]
    public async Task the_same_request_within_seven_days_is_served_from_cache_and_force_refresh_makes_a_new_version()
    {
        var (candidate, first, _) = await Pack(new { company = "Stripe", jobTitle = "Backend Engineer" });

        var (_, again, status) = await Pack(new { company = "  stripe  ", jobTitle = "backend engineer" }, candidate);
        status.ShouldBe(200);
        again.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        await using (var session = Fixture.Store.QuerySession())
            (await session.Events.FetchStreamAsync(first.GetProperty("id").GetGuid())).ShouldContain(e => e.Data is PrepPackCacheHit);

        var (_, refreshed, refreshStatus) = await Pack(new { company = "Stripe", jobTitle = "Backend Engineer", forceRefresh = true }, candidate);
        refreshStatus.ShouldBe(201);
        refreshed.GetProperty("id").GetGuid().ShouldNotBe(first.GetProperty("id").GetGuid());
        refreshed.GetProperty("version").GetInt32().ShouldBe(2);

        var (_, otherTitle, otherStatus) = await Pack(new { company = "Stripe", jobTitle = "Data Engineer" }, candidate);
        otherStatus.ShouldBe(201);
    }

    [Fact]
    public async Task an_unknown_company_gets_a_generic_pack_that_says_so()
    {
        var (_, pack, status) = await Pack(new { company = "Initech Widgets", industry = "office software" });

        status.ShouldBe(201);
        pack.GetProperty("isGeneric").GetBoolean().ShouldBeTrue();
        pack.GetProperty("generatedBy").GetProperty("note").GetString()!.ShouldContain("Generic pack");
        pack.GetProperty("questions").GetArrayLength().ShouldBe(10);
        pack.GetProperty("questions").EnumerateArray().Where(q => q.GetProperty("type").GetString() == "company")
            .ShouldAllBe(q => q.GetProperty("question").GetString()!.Contains("Initech Widgets"));
    }

    [Fact]
    public async Task packs_are_saved_listed_practised_and_deleted()
    {
        var (candidate, pack, _) = await Pack(new { company = "Netflix" });
        var id = pack.GetProperty("id").GetGuid();
        await Pack(new { company = "Airbnb" }, candidate);

        await Host.Posted(candidate, $"/api/v1/prep/{id}/save", 200);
        var saved = await (await Host.As(candidate, s => s.Get.Url("/api/v1/prep?savedOnly=true"))).ReadAsJsonAsync<JsonElement>();
        saved.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldBe([id]);

        var companies = await (await Host.As(candidate, s => s.Get.Url("/api/v1/prep/companies"))).ReadAsJsonAsync<JsonElement>();
        companies.GetProperty("total").GetInt32().ShouldBe(2);
        companies.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("company").GetString() == "Netflix").GetProperty("isSaved").GetBoolean().ShouldBeTrue();

        var practised = await (await Host.As(candidate, s =>
        {
            s.Post.Json(new { questionIndex = 0, answer = "I would clarify requirements, then design the service with a cache and a queue because latency matters; the trade-off is consistency." })
                .ToUrl($"/api/v1/prep/{id}/practice");
            s.StatusCodeShouldBe(200);
        })).ReadAsJsonAsync<JsonElement>();
        practised.GetProperty("progress").GetProperty("practised").GetInt32().ShouldBe(1);
        practised.GetProperty("practice")[0].GetProperty("evaluation").GetProperty("criteria").GetArrayLength().ShouldBe(4);
        await Host.As(candidate, s => { s.Post.Json(new { questionIndex = 10 }).ToUrl($"/api/v1/prep/{id}/practice"); s.StatusCodeShouldBe(400); });

        var dashboard = await (await Host.As(candidate, s => s.Get.Url("/api/v1/me/dashboard"))).ReadAsJsonAsync<JsonElement>();
        dashboard.GetProperty("prepProgress").EnumerateArray().Single(p => p.GetProperty("packId").GetGuid() == id).GetProperty("practised").GetInt32().ShouldBe(1);

        await Host.As(candidate, s => { s.Delete.Url($"/api/v1/prep/{id}"); s.StatusCodeShouldBe(204); });
        await Host.As(candidate, s => { s.Get.Url($"/api/v1/prep/{id}"); s.StatusCodeShouldBe(404); });
        (await (await Host.As(candidate, s => s.Get.Url("/api/v1/prep"))).ReadAsJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength().ShouldBe(1);
        (await (await Host.As(candidate, s => s.Get.Url("/api/v1/prep/companies"))).ReadAsJsonAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("company").GetString()).ShouldBe(["Airbnb"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task an_empty_company_is_refused_and_nothing_is_appended(string? company)
    {
        var candidate = await Host.SignedUp();
        var before = await Streams();
        var result = await Host.As(candidate, s => { s.Post.Json(new { company }).ToUrl("/api/v1/prep"); s.StatusCodeShouldBe(400); });
        (await result.ProblemOf()).GetProperty("errors").TryGetProperty("company", out _).ShouldBeTrue();
        (await Streams()).ShouldBe(before);
    }

    [Fact]
    public async Task a_company_of_200_characters_is_refused()
    {
        var candidate = await Host.SignedUp();
        var before = await Streams();
        await Host.As(candidate, s => { s.Post.Json(new { company = new string('x', 200) }).ToUrl("/api/v1/prep"); s.StatusCodeShouldBe(400); });
        (await Streams()).ShouldBe(before);
    }

    [Fact]
    public async Task another_users_pack_is_a_404_for_every_route()
    {
        var (_, pack, _) = await Pack(new { company = "Meta" });
        var id = pack.GetProperty("id").GetGuid();
        var stranger = await Host.SignedUp();

        await Host.As(stranger, s => { s.Get.Url($"/api/v1/prep/{id}"); s.StatusCodeShouldBe(404); });
        await Host.Posted(stranger, $"/api/v1/prep/{id}/save", 404);
        await Host.Posted(stranger, $"/api/v1/prep/{id}/interview", 404);
        await Host.As(stranger, s => { s.Post.Json(new { questionIndex = 0 }).ToUrl($"/api/v1/prep/{id}/practice"); s.StatusCodeShouldBe(404); });
        await Host.As(stranger, s => { s.Delete.Url($"/api/v1/prep/{id}"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task a_pack_is_practised_as_a_mock_interview_with_its_own_questions_in_order()
    {
        var (candidate, pack, _) = await Pack(new { company = "Amazon", jobTitle = "Backend Engineer" });
        var questions = pack.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("question").GetString()).ToArray();

        var created = await (await Host.As(candidate, s => { s.Post.Url($"/api/v1/prep/{pack.GetProperty("id").GetGuid()}/interview"); s.StatusCodeShouldBe(201); }))
            .ReadAsJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var view = await Host.Interview(candidate, id);
        await Host.Answered(candidate, id, "Warm-up: I build services.");
        view = await Host.Interview(candidate, id);
        view.Turns[^1].Text.ShouldBe(questions[0]);
        await Host.Answered(candidate, id, "A complete answer: first I clarified the requirements, then I built it because customers needed it; it cut latency by 40% and I learned to measure first.");
        view = await Host.Interview(candidate, id);
        while (view.Turns[^1].Kind == TurnKind.FollowUp)
        {
            await Host.Answered(candidate, id, "More detail on the same point.");
            view = await Host.Interview(candidate, id);
        }
        view.Turns[^1].Text.ShouldBe(questions[1]);
        view.Progress.Total.ShouldBe(10);
    }
}
