using System.Text.Json;
using Alba;
using Interview.Api.Hosting;
using Interview.Domain.Accounts;
using Interview.Projections.Analytics;
using Interview.Projections.Accounts;
using Interview.Projections.History;
using Interview.Projections.Prep;
using Interview.Projections.Reports;
using Interview.Projections.Sessions;
using Interview.Projections.Statistics;
using Interview.Tests.Hosting;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Privacy;

public sealed class ErasureTests(AppFixture fixture) : ApiTest(fixture)
{
    private static readonly Type[] Projections =
    [
        typeof(UserAccountProjection), typeof(InterviewViewProjection), typeof(CandidateQuestionHistoryProjection),
        typeof(InterviewReportsProjection), typeof(InterviewSummaryProjection), typeof(CandidateStatisticsProjection),
        typeof(DailyActivityProjection), typeof(QuestionStatisticsProjection), typeof(LlmUsageDailyProjection), typeof(PrepPackViewProjection)
    ];

    private string ConnectionString => DataDirectory.ConnectionString(Host.Services.GetRequiredService<IConfiguration>());

    private async Task ShouldHoldNoneOf(IReadOnlyList<string> strings, string when)
    {
        var rows = await PrivacyScenarios.DumpDatabaseAsync(ConnectionString);
        rows.Count.ShouldBeGreaterThan(100);
        var found = rows.SelectMany(row => strings.Where(s => row.Row.Contains(s, StringComparison.OrdinalIgnoreCase)
                                                              || row.Row.Contains(JsonSerializer.Serialize(s)[1..^1], StringComparison.OrdinalIgnoreCase))
            .Select(s => $"{row.Table}: '{s}'")).Distinct().ToArray();
        found.ShouldBeEmpty($"personal data left {when}");
    }

    [Fact]
    public async Task erasing_oneself_leaves_none_of_the_persons_strings_in_the_database_even_after_rebuilding_every_projection()
    {
        var rich = await Host.RichCandidate("era");
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));
        var before = await PrivacyScenarios.DumpDatabaseAsync(ConnectionString);
        var holding = before.Where(r => rich.Strings.Any(s => r.Row.Contains(s, StringComparison.OrdinalIgnoreCase))).Select(r => r.Table).Distinct().ToArray();
        holding.ShouldContain("interview.mt_events", "the dump sees the person's strings before erasure");
        holding.ShouldContain("wolverine.wolverine_incoming_envelopes", "handled messages are kept a while, with the company typed");
        QuestionStatistics[] questionsBefore;
        await using (var query = Fixture.Store.QuerySession()) questionsBefore = (await query.Query<QuestionStatistics>().ToListAsync()).ToArray();
        questionsBefore.ShouldNotBeEmpty();

        await Host.As(rich.Caller, s => { s.Delete.Json(new { password = rich.Password }).ToUrl("/api/v1/me"); s.StatusCodeShouldBe(204); });
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));
        await ShouldHoldNoneOf(rich.Strings, "after erasure");

        var daemon = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var projection in Projections) await daemon.RebuildProjectionAsync(projection, TimeSpan.FromSeconds(30), CancellationToken.None);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));
        await ShouldHoldNoneOf(rich.Strings, "after rebuilding every projection");

        await using (var query = Fixture.Store.QuerySession())
        {
            (await query.LoadAsync<UserAccount>(rich.Caller.Id)).ShouldBeNull();
            (await query.LoadAsync<InterviewView>(rich.InterviewId)).ShouldBeNull();
            (await query.LoadAsync<InterviewReports>(rich.InterviewId)).ShouldBeNull();
            (await query.LoadAsync<PrepPackView>(rich.PackId)).ShouldBeNull();
            (await query.LoadAsync<CandidateStatistics>(rich.Caller.Id)).ShouldBeNull();
            var questionsAfter = await query.Query<QuestionStatistics>().ToListAsync();
            JsonSerializer.Serialize(questionsAfter.OrderBy(q => q.Id)).ShouldBe(JsonSerializer.Serialize(questionsBefore.OrderBy(q => q.Id)),
                "anonymous question statistics survive erasure and rebuild");
            (await query.Query<DailyActivity>().ToListAsync()).ShouldNotBeEmpty();
            var erased = await query.Events.FetchStreamAsync(rich.Caller.Id);
            erased[^1].Data.ShouldBeOfType<AccountErased>().ErasedBy.ShouldBeNull();
        }

        await Host.As(rich.Caller, s => { s.Get.Url("/api/v1/me"); s.StatusCodeShouldBe(401); });
        await Host.Scenario(s => { s.Post.Json(new { email = rich.Caller.Email, password = rich.Password }).ToUrl("/api/v1/auth/login"); s.StatusCodeShouldBe(401); });
        var again = await Host.SignedUp(rich.Caller.Email, rich.Password);
        again.Id.ShouldNotBe(rich.Caller.Id);
    }

    [Fact]
    public async Task a_wrong_password_is_a_problem_and_erases_nothing()
    {
        var candidate = await Host.SignedUp();
        var before = await Fixture.Store.QuerySession().Events.FetchStreamStateAsync(candidate.Id);
        var result = await Host.As(candidate, s => { s.Delete.Json(new { password = "not my password at all" }).ToUrl("/api/v1/me"); s.StatusCodeShouldBe(400); });
        (await result.ProblemOf()).GetProperty("errors").GetProperty("password").GetArrayLength().ShouldBe(1);
        await Host.As(candidate, s => { s.Delete.Json(new { password = "" }).ToUrl("/api/v1/me"); s.StatusCodeShouldBe(400); });
        (await Fixture.Store.QuerySession().Events.FetchStreamStateAsync(candidate.Id))!.Version.ShouldBe(before!.Version);
        await Host.As(candidate, s => { s.Get.Url("/api/v1/me"); s.StatusCodeShouldBe(200); });
    }

    [Fact]
    public async Task an_admin_erases_a_user_by_id_and_only_admins_may()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var candidate = await Host.SignedUp();
        await Host.As(candidate, s => { s.Delete.Url($"/api/v1/admin/users/{admin.Id}"); s.StatusCodeShouldBe(403); });
        await Host.As(admin, s => { s.Delete.Url($"/api/v1/admin/users/{Guid.NewGuid()}"); s.StatusCodeShouldBe(404); });
        await Host.As(admin, s => { s.Delete.Url($"/api/v1/admin/users/{candidate.Id}"); s.StatusCodeShouldBe(204); });
        await Host.As(admin, s => { s.Delete.Url($"/api/v1/admin/users/{candidate.Id}"); s.StatusCodeShouldBe(204); });
        var events = await Fixture.Store.QuerySession().Events.FetchStreamAsync(candidate.Id);
        events.Count(e => e.Data is AccountErased).ShouldBe(1, "a second erasure appends nothing");
        events.Single(e => e.Data is AccountErased).Data.ShouldBeOfType<AccountErased>().ErasedBy.ShouldBe(admin.Id);
        events.Select(e => e.Data).OfType<UserSignedUp>().Single().Email.ShouldNotContain(candidate.Email);
        await Host.As(candidate, s => { s.Get.Url("/api/v1/me"); s.StatusCodeShouldBe(401); });
    }

    [Fact]
    public async Task erasing_a_coach_removes_their_name_address_and_notes_from_the_interviews_they_coached()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var candidate = await Host.SignedUp();
        const string email = "ottoline.coachworthy@privacy.test", password = "tangerine galaxy 77", name = "Ottoline Coachworthy";
        var signup = await Host.Scenario(s => { s.Post.Json(new { email, password, displayName = name }).ToUrl("/api/v1/auth/signup"); s.StatusCodeShouldBe(201); });
        var token = (await signup.ReadAsJsonAsync<Interview.Api.Accounts.SignupResponse>())!;
        await Host.Scenario(s => { s.Post.Json(new { email, token = token.VerificationToken }).ToUrl("/api/v1/auth/verify"); s.StatusCodeShouldBe(204); });
        await Host.As(admin, s => { s.Post.Json(new { role = "coach" }).ToUrl($"/api/v1/admin/users/{token.UserId}/roles"); s.StatusCodeShouldBe(204); });
        var coach = await Host.LoggedIn(email, password);
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.As(candidate, s => { s.Post.Json(new { coachEmail = email }).ToUrl($"/api/v1/interviews/{id}/share"); s.StatusCodeShouldBe(202); });
        await Host.As(coach, s => { s.Post.Json(new { text = "Coachworthy says: strong start", visibility = "shared" }).ToUrl($"/api/v1/coach/interviews/{id}/notes"); s.StatusCodeShouldBe(202); });
        (await Host.Interview(candidate, id, 0)).CoachNotes.Single().Coach.ShouldBe(name);

        await Host.As(coach, s => { s.Delete.Json(new { password }).ToUrl("/api/v1/me"); s.StatusCodeShouldBe(204); });
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));

        await ShouldHoldNoneOf([email, name, "Coachworthy"], "after erasing the coach");
        (await Host.Interview(candidate, id, 0)).Status.ShouldBe(Interview.Domain.Sessions.InterviewStatus.InProgress);
    }
}
