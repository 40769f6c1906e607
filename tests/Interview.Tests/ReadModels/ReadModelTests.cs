using System.Text.Json;
using Interview.Projections.History;
using Interview.Tests.Hosting;
using Marten;
using Marten.Events;
using Shouldly;

namespace Interview.Tests.ReadModels;

public sealed class HistoryTests(AppFixture fixture) : ApiTest(fixture)
{
    private static object Request(string type, string difficulty, string company = "general") => new
    {
        track = "backend", role = "Backend Engineer", level = "mid", type, difficulty, companyStyle = company, techStack = Array.Empty<string>(), questionCount = 3
    };

    private async Task<JsonElement> History(Caller caller, string query) =>
        await (await Host.As(caller, s => { s.Get.Url($"/api/v1/interviews{query}"); s.StatusCodeShouldBe(200); })).ReadAsJsonAsync<JsonElement>();

    [Fact]
    public async Task history_filters_sorts_and_pages_with_totals()
    {
        var candidate = await Host.SignedUp();
        var other = await Host.SignedUp();
        for (var i = 0; i < 3; i++) await Host.CreatedInterview(candidate, Request("technical", "hard"));
        await Host.CreatedInterview(candidate, Request("behavioral", "easy", "amazon"));
        var started = await Host.CreatedInterview(candidate, Request("dsa", "medium"));
        await Host.Posted(candidate, $"/api/v1/interviews/{started}/start", 202);
        await Host.CreatedInterview(other, Request("technical", "hard"));

        var all = await History(candidate, "?pageSize=2&page=2");
        all.GetProperty("total").GetInt32().ShouldBe(5);
        all.GetProperty("items").GetArrayLength().ShouldBe(2);
        (await History(candidate, "?type=technical&difficulty=hard")).GetProperty("total").GetInt32().ShouldBe(3);
        (await History(candidate, "?companyStyle=amazon")).GetProperty("items")[0].GetProperty("type").GetString().ShouldBe("behavioral");
        (await History(candidate, "?status=inProgress")).GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(started);
        var oldestFirst = (await History(candidate, "?sort=date")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("createdAt").GetDateTimeOffset()).ToArray();
        oldestFirst.ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task history_sorts_by_score_once_reports_exist_and_rejects_unknown_filters()
    {
        var candidate = await Host.SignedUp();
        var weak = await Host.FinalizedInterview(candidate, _ => "I am not sure about this one, sorry, maybe something with loops.");
        var strong = await Host.FinalizedInterview(candidate, _ => "First I would clarify requirements, then use a hash map and a cache because it is O(1); the trade-off is memory. When I was at my previous company I built this and it cut latency by 40%. I learned to measure first.");
        await Host.ReportWhen(candidate, weak);
        await Host.ReportWhen(candidate, strong);

        var best = await History(candidate, "?sort=-score");
        best.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(strong);
        best.GetProperty("items")[0].GetProperty("score").GetInt32().ShouldBeGreaterThan(best.GetProperty("items")[1].GetProperty("score").GetInt32());

        var bad = await Host.As(candidate, s => { s.Get.Url("/api/v1/interviews?sort=random&status=lost"); s.StatusCodeShouldBe(400); });
        var errors = (await bad.ProblemOf()).GetProperty("errors");
        errors.TryGetProperty("sort", out _).ShouldBeTrue();
        errors.TryGetProperty("status", out _).ShouldBeTrue();
    }
}

public sealed class StatisticsTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task statistics_and_dashboard_come_from_the_async_projection()
    {
        var candidate = await Host.SignedUp();
        var first = await Host.FinalizedInterview(candidate, _ => "I would use a loop, I think, not sure.");
        var second = await Host.FinalizedInterview(candidate, _ => "First I would clarify requirements, then use a hash map and a cache because it is O(1); the trade-off is memory. When I was at my previous company I built this and it cut latency by 40%. I learned to measure first.");
        await Host.ReportWhen(candidate, first);
        await Host.ReportWhen(candidate, second);
        await Host.CreatedInterview(candidate);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));

        var stats = await (await Host.As(candidate, s => s.Get.Url("/api/v1/me/statistics"))).ReadAsJsonAsync<JsonElement>();

        stats.GetProperty("totalInterviews").GetInt32().ShouldBe(3);
        stats.GetProperty("completed").GetInt32().ShouldBe(2);
        stats.GetProperty("trend").GetArrayLength().ShouldBe(2);
        stats.GetProperty("bestScore").GetInt32().ShouldBeGreaterThan(0);
        stats.GetProperty("averageScore").GetDouble().ShouldBeLessThan(stats.GetProperty("bestScore").GetInt32());
        stats.GetProperty("byType").GetProperty("mixed").GetProperty("completed").GetInt32().ShouldBe(2);
        stats.GetProperty("practiceStreakDays").GetInt32().ShouldBe(1);
        stats.GetProperty("weakestCriteria").GetArrayLength().ShouldBeGreaterThan(0);
        stats.GetProperty("nextSuggestedPractice").GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();

        var dashboard = await (await Host.As(candidate, s => s.Get.Url("/api/v1/me/dashboard"))).ReadAsJsonAsync<JsonElement>();
        dashboard.GetProperty("recentInterviews").GetArrayLength().ShouldBe(3);
        dashboard.GetProperty("statistics").GetProperty("completed").GetInt32().ShouldBe(2);
    }

    [Fact]
    public void a_streak_counts_consecutive_days_ending_today_or_yesterday()
    {
        var today = new DateOnly(2026, 11, 22);
        Projections.Statistics.StatisticsReport.Streak([today, today.AddDays(-1), today.AddDays(-2), today.AddDays(-4)], today).ShouldBe(3);
        Projections.Statistics.StatisticsReport.Streak([today.AddDays(-1), today.AddDays(-2)], today).ShouldBe(2);
        Projections.Statistics.StatisticsReport.Streak([today.AddDays(-2)], today).ShouldBe(0);
    }
}

public sealed class CoachingTests(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<(Caller Candidate, Caller Coach, Guid Id)> SharedInterview()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var candidate = await Host.SignedUp();
        var coachAccount = await Host.SignedUp();
        await Host.As(admin, s => { s.Post.Json(new { role = "coach" }).ToUrl($"/api/v1/admin/users/{coachAccount.Id}/roles"); s.StatusCodeShouldBe(204); });
        var coach = await Host.LoggedIn(coachAccount.Email);
        var id = await Host.FinalizedInterview(candidate, _ => "First I would use a hash map because lookups are O(1); the trade-off is memory.");
        await Host.ReportWhen(candidate, id);
        await Host.As(candidate, s => { s.Post.Json(new { coachEmail = coach.Email }).ToUrl($"/api/v1/interviews/{id}/share"); s.StatusCodeShouldBe(202); });
        return (candidate, coach, id);
    }

    [Fact]
    public async Task a_coach_reads_the_full_timeline_of_a_shared_interview()
    {
        var (_, coach, id) = await SharedInterview();

        var list = await (await Host.As(coach, s => s.Get.Url("/api/v1/coach/interviews"))).ReadAsJsonAsync<JsonElement>();
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([id]);
        list.GetProperty("total").GetInt32().ShouldBe(1);

        var timeline = await (await Host.As(coach, s => s.Get.Url($"/api/v1/coach/interviews/{id}/timeline?pageSize=100"))).ReadAsJsonAsync<JsonElement>();
        var entries = timeline.GetProperty("items").EnumerateArray().ToArray();
        timeline.GetProperty("total").GetInt32().ShouldBe(entries.Length);
        await using var session = Fixture.Store.QuerySession();
        entries.Length.ShouldBe((await session.Events.FetchStreamAsync(id)).Count);
        entries.Select(e => e.GetProperty("version").GetInt64()).ShouldBe(Enumerable.Range(1, entries.Length).Select(v => (long)v));
        entries.ShouldContain(e => e.GetProperty("type").GetString() == "question_asked" && e.GetProperty("summary").GetString()!.Contains("Why:"));
        entries.ShouldContain(e => e.GetProperty("type").GetString() == "interview_shared");
        entries[0].GetProperty("data").GetProperty("config").GetProperty("role").GetString().ShouldBe("Backend Engineer");
    }

    [Fact]
    public async Task a_coach_replays_the_interview_as_of_a_version_or_a_moment()
    {
        var (_, coach, id) = await SharedInterview();
        await using var session = Fixture.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var firstAnswer = events.First(e => e.Data is Domain.Sessions.AnswerSubmitted);

        var atVersion = await (await Host.As(coach, s => s.Get.Url($"/api/v1/coach/interviews/{id}/replay?version={firstAnswer.Version}")))
            .ReadAsJsonAsync<Projections.Sessions.InterviewView>();
        atVersion!.Version.ShouldBe(firstAnswer.Version);
        atVersion.Turns[^1].Kind.ShouldBe(Projections.Sessions.TurnKind.Answer);
        atVersion.Status.ShouldBe(Domain.Sessions.InterviewStatus.InProgress);

        var at = Uri.EscapeDataString(events.Last().Timestamp.AddSeconds(1).ToString("O"));
        var atEnd = await (await Host.As(coach, s => s.Get.Url($"/api/v1/coach/interviews/{id}/replay?at={at}"))).ReadAsJsonAsync<Projections.Sessions.InterviewView>();
        atEnd!.Version.ShouldBe(events.Last().Version);
        await Host.As(coach, s => { s.Get.Url($"/api/v1/coach/interviews/{id}/replay"); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public async Task coach_notes_are_events_and_only_shared_ones_reach_the_candidate()
    {
        var (candidate, coach, id) = await SharedInterview();

        await Host.As(coach, s => { s.Post.Json(new { text = "Private: push on trade-offs next time.", visibility = "private" }).ToUrl($"/api/v1/coach/interviews/{id}/notes"); s.StatusCodeShouldBe(202); });
        await Host.As(coach, s => { s.Post.Json(new { text = "Great structure in answer two.", atVersion = 5, visibility = "shared" }).ToUrl($"/api/v1/coach/interviews/{id}/notes"); s.StatusCodeShouldBe(202); });
        await Host.As(coach, s => { s.Post.Json(new { text = "", visibility = "shared" }).ToUrl($"/api/v1/coach/interviews/{id}/notes"); s.StatusCodeShouldBe(400); });
        await Host.As(coach, s => { s.Post.Json(new { text = "x", atVersion = 9999 }).ToUrl($"/api/v1/coach/interviews/{id}/notes"); s.StatusCodeShouldBe(400); });

        var view = await Host.Interview(candidate, id, 0);
        view.CoachNotes.Select(n => n.Text).ShouldBe(["Great structure in answer two."]);
        await using var session = Fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Count(e => e.Data is Domain.Sessions.CoachNoteAdded).ShouldBe(2);
    }

    [Fact]
    public async Task without_a_share_a_coach_gets_404_everywhere()
    {
        var (candidate, coach, id) = await SharedInterview();
        await Host.As(candidate, s => { s.Delete.Url($"/api/v1/interviews/{id}/share?coachEmail={Uri.EscapeDataString(coach.Email)}"); s.StatusCodeShouldBe(202); });

        await Host.As(coach, s => { s.Get.Url($"/api/v1/coach/interviews/{id}/timeline"); s.StatusCodeShouldBe(404); });
        await Host.As(coach, s => { s.Get.Url($"/api/v1/coach/interviews/{id}/replay?version=1"); s.StatusCodeShouldBe(404); });
        await Host.As(coach, s => { s.Post.Json(new { text = "hi" }).ToUrl($"/api/v1/coach/interviews/{id}/notes"); s.StatusCodeShouldBe(404); });
        await Host.As(coach, s => { s.Get.Url($"/api/v1/interviews/{id}/report"); s.StatusCodeShouldBe(404); });
        (await (await Host.As(coach, s => s.Get.Url("/api/v1/coach/interviews"))).ReadAsJsonAsync<JsonElement>()).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task sharing_needs_a_coach_account()
    {
        var candidate = await Host.SignedUp();
        var notACoach = await Host.SignedUp();
        var id = await Host.CreatedInterview(candidate);
        await Host.As(candidate, s => { s.Post.Json(new { coachEmail = notACoach.Email }).ToUrl($"/api/v1/interviews/{id}/share"); s.StatusCodeShouldBe(400); });
        await Host.As(notACoach, s => { s.Get.Url("/api/v1/coach/interviews"); s.StatusCodeShouldBe(403); });
    }
}

public sealed class AdminAnalyticsTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task admins_see_activity_score_distributions_and_question_health()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var candidate = await Host.SignedUp();
        var id = await Host.FinalizedInterview(candidate, _ => "First I would use a hash map because lookups are O(1); the trade-off is memory.");
        await Host.ReportWhen(candidate, id);
        await Host.StartedInterview(candidate);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));

        var overview = await (await Host.As(admin, s => s.Get.Url("/api/v1/admin/analytics/overview"))).ReadAsJsonAsync<JsonElement>();
        overview.GetProperty("started").GetInt32().ShouldBe(2);
        overview.GetProperty("completed").GetInt32().ShouldBe(1);
        overview.GetProperty("completionRate").GetDouble().ShouldBe(0.5);
        var mixed = overview.GetProperty("scoresByType").GetProperty("mixed");
        mixed.GetProperty("count").GetInt32().ShouldBe(1);
        mixed.GetProperty("warning").GetString()!.ShouldContain("fewer than 30");

        var page = await (await Host.As(admin, s => s.Get.Url("/api/v1/admin/analytics/questions"))).ReadAsJsonAsync<JsonElement>();
        page.GetProperty("total").GetInt32().ShouldBe(3);
        var questions = page.GetProperty("items");
        questions.EnumerateArray().Sum(q => q.GetProperty("timesAsked").GetInt32()).ShouldBe(3);
        questions.EnumerateArray().Count(q => q.GetProperty("timesAsked").GetInt32() == 1).ShouldBe(3);
        questions.EnumerateArray().ShouldAllBe(q => q.GetProperty("warning").GetString()!.Contains("fewer than 30"));

        var llm = await (await Host.As(admin, s => s.Get.Url("/api/v1/admin/analytics/llm"))).ReadAsJsonAsync<JsonElement>();
        llm.GetProperty("provider").GetString().ShouldBe("offline");
        llm.GetProperty("calls").GetInt32().ShouldBe(0);

        await Host.As(candidate, s => { s.Get.Url("/api/v1/admin/analytics/overview"); s.StatusCodeShouldBe(403); });
        await Host.As(admin, s => { s.Get.Url("/api/v1/admin/analytics/overview?from=2026-12-01&to=2026-11-01"); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public void discrimination_separates_questions_that_track_overall_skill_from_ones_that_do_not()
    {
        var good = new Projections.Analytics.QuestionStatistics { Id = "good" };
        var flat = new Projections.Analytics.QuestionStatistics { Id = "flat" };
        for (var i = 0; i < 40; i++)
        {
            var overall = i * 2 + 10;
            good.Results[Guid.NewGuid()] = new(overall, overall, true);
            flat.Results[Guid.NewGuid()] = new(50, overall, true);
        }
        Api.Admin.Analytics.Health(good).Discrimination!.Value.ShouldBeGreaterThan(0.3);
        Api.Admin.Analytics.Health(good).Warning.ShouldBeNull();
        Api.Admin.Analytics.Health(flat).Discrimination.ShouldBe(0);
        Api.Admin.Analytics.Health(flat).Warning!.ShouldContain("does not separate");
    }
}
