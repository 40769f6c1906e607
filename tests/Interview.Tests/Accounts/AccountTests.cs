using System.Text.Json;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Accounts;

public sealed class AccountTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task a_verified_candidate_logs_in_and_reads_their_account()
    {
        var candidate = await Host.SignedUp("Casey@Example.test");

        var me = await (await Host.As(candidate, s => s.Get.Url("/api/v1/me"))).ReadAsJsonAsync<JsonElement>();

        me.GetProperty("email").GetString().ShouldBe("Casey@Example.test");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["candidate"]);
        me.GetProperty("emailVerified").GetBoolean().ShouldBeTrue();
        me.TryGetProperty("passwordHash", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task an_unverified_account_cannot_log_in()
    {
        await Host.Scenario(s =>
        {
            s.Post.Json(new { email = "new@interview.test", password = "correct horse battery", displayName = "New" }).ToUrl("/api/v1/auth/signup");
            s.StatusCodeShouldBe(201);
        });
        await Host.Scenario(s =>
        {
            s.Post.Json(new { email = "new@interview.test", password = "correct horse battery" }).ToUrl("/api/v1/auth/login");
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task a_wrong_password_or_token_is_refused()
    {
        var candidate = await Host.SignedUp();
        await Host.Scenario(s =>
        {
            s.Post.Json(new { email = candidate.Email, password = "wrong password!" }).ToUrl("/api/v1/auth/login");
            s.StatusCodeShouldBe(401);
        });
        await Host.Scenario(s =>
        {
            s.Post.Json(new { email = candidate.Email, token = "not-the-token" }).ToUrl("/api/v1/auth/verify");
            s.StatusCodeShouldBe(400);
        });
    }

    [Fact]
    public async Task signing_up_twice_with_one_email_is_a_conflict_whatever_the_case()
    {
        await Host.SignedUp("twice@interview.test");
        await Host.Scenario(s =>
        {
            s.Post.Json(new { email = " TWICE@interview.test", password = "another password", displayName = "Again" }).ToUrl("/api/v1/auth/signup");
            s.StatusCodeShouldBe(409);
        });
    }

    [Fact]
    public async Task invalid_signup_names_every_bad_field()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { email = "not-an-email", password = "short", displayName = "" }).ToUrl("/api/v1/auth/signup");
            s.StatusCodeShouldBe(400);
        });
        var errors = (await result.ProblemOf()).GetProperty("errors");
        errors.TryGetProperty("email", out _).ShouldBeTrue();
        errors.TryGetProperty("password", out _).ShouldBeTrue();
        errors.TryGetProperty("displayName", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/questions")]
    [InlineData("/api/v1/questions/coverage")]
    public async Task every_non_auth_route_requires_a_token(string url)
    {
        await Host.Scenario(s => { s.Get.Url(url); s.StatusCodeShouldBe(401); });
    }

    [Fact]
    public async Task the_bootstrap_admin_grants_roles_and_a_candidate_cannot()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var candidate = await Host.SignedUp();

        await Host.As(candidate, s =>
        {
            s.Post.Json(new { role = "coach" }).ToUrl($"/api/v1/admin/users/{candidate.Id}/roles");
            s.StatusCodeShouldBe(403);
        });
        await Host.As(admin, s =>
        {
            s.Post.Json(new { role = "coach" }).ToUrl($"/api/v1/admin/users/{candidate.Id}/roles");
            s.StatusCodeShouldBe(204);
        });
        await Host.As(admin, s =>
        {
            s.Post.Json(new { role = "overlord" }).ToUrl($"/api/v1/admin/users/{candidate.Id}/roles");
            s.StatusCodeShouldBe(400);
        });

        var coach = await Host.LoggedIn(candidate.Email);
        var me = await (await Host.As(coach, s => s.Get.Url("/api/v1/me"))).ReadAsJsonAsync<JsonElement>();
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["candidate", "coach"]);
    }

    [Fact]
    public async Task the_profile_keeps_listed_skills_and_extracts_more_from_the_resume()
    {
        var candidate = await Host.SignedUp();
        await Host.As(candidate, s =>
        {
            s.Put.Json(new
            {
                targetRole = "Backend Engineer", experienceYears = 4, skills = new[] { "Go" },
                resumeText = "Built payment services with Kafka and PostgreSQL on Kubernetes; some React."
            }).ToUrl("/api/v1/me/profile");
            s.StatusCodeShouldBe(200);
        });

        var me = await (await Host.As(candidate, s => s.Get.Url("/api/v1/me"))).ReadAsJsonAsync<JsonElement>();
        var skills = me.GetProperty("profile").GetProperty("skills").EnumerateArray().Select(x => x.GetString()).ToArray();
        skills.ShouldBe(["go", "react", "postgresql", "kafka", "kubernetes"], ignoreOrder: true);

        await Host.As(candidate, s =>
        {
            s.Put.Json(new { targetRole = "", experienceYears = -1 }).ToUrl("/api/v1/me/profile");
            s.StatusCodeShouldBe(400);
        });
    }
}
