using System.Text.Json;
using Alba;
using Interview.Api.Hosting;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class WireConventionTests(AppFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task json_responses_are_compressed_as_the_client_accepts(string encoding)
    {
        var caller = await Host.SignedUp();
        var result = await Host.As(caller, s =>
        {
            s.Get.Url("/api/v1/questions?pageSize=50");
            s.WithRequestHeader("Accept-Encoding", encoding);
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.Headers.ContentEncoding.ToString().ShouldBe(encoding);
        result.Context.Response.Headers.Vary.ToString().ShouldContain("Accept-Encoding");
    }

    [Theory]
    [InlineData("br", "/swagger/index.html")]
    [InlineData("gzip", "/swagger/swagger-ui.css")]
    [InlineData("br", "/swagger/v1/swagger.json")]
    public async Task static_files_and_the_openapi_document_are_compressed(string encoding, string url)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Accept-Encoding", encoding);
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.Headers.ContentEncoding.ToString().ShouldBe(encoding);
    }

    [Fact]
    public async Task without_accept_encoding_nothing_is_compressed()
    {
        var caller = await Host.SignedUp();
        var result = await Host.As(caller, s => s.Get.Url("/api/v1/questions"));
        result.Context.Response.Headers.ContentEncoding.ToString().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/api/v1/interviews?difficulty=Medium")]
    [InlineData("/api/v1/interviews?difficulty=MEDIUM&type=System_Design&status=Created&companyStyle=Amazon&sort=-DATE")]
    [InlineData("/api/v1/questions?difficulty=Medium&type=Technical&track=Backend&company=Google")]
    public async Task enum_query_filters_ignore_case(string url)
    {
        var caller = await Host.SignedUp();
        await Host.As(caller, s => { s.Get.Url(url); s.StatusCodeShouldBe(200); });
    }

    [Fact]
    public async Task every_enum_query_filter_in_the_document_accepts_its_values_in_upper_case()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var document = await (await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"))).ReadAsJsonAsync<JsonElement>();
        var checkedAny = false;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => !p.Name.Contains('{')))
        {
            if (!path.Value.TryGetProperty("get", out var get) || !get.TryGetProperty("parameters", out var parameters)) continue;
            foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("schema").TryGetProperty("enum", out _)))
            foreach (var value in parameter.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!))
            {
                var url = $"{path.Name}?{parameter.GetProperty("name").GetString()}={Uri.EscapeDataString(value.ToUpperInvariant())}";
                var result = await Host.As(admin, s => { s.Get.Url(url); s.IgnoreStatusCode(); });
                result.Context.Response.StatusCode.ShouldNotBe(400, url);
                checkedAny = true;
            }
        }
        checkedAny.ShouldBeTrue();
    }

    [Fact]
    public async Task problems_share_one_type_family_and_one_title_per_status()
    {
        var candidate = await Host.SignedUp();
        var problems = new List<(int Status, IScenarioResult Result)>
        {
            (400, await Host.As(candidate, s => { s.Get.Url("/api/v1/interviews?difficulty=impossible"); s.StatusCodeShouldBe(400); })),
            (400, await Host.As(candidate, s => { s.Post.Json(new { }).ToUrl("/api/v1/interviews"); s.StatusCodeShouldBe(400); })),
            (400, await Host.As(candidate, s =>
            {
                s.Post.Text("{ not json").ToUrl("/api/v1/interviews");
                s.WithRequestHeader("Content-Type", "application/json");
                s.StatusCodeShouldBe(400);
            })),
            (401, await Host.Scenario(s => { s.Get.Url("/api/v1/me"); s.StatusCodeShouldBe(401); })),
            (401, await Host.Scenario(s => { s.Post.Json(new { email = candidate.Email, password = "wrong password!" }).ToUrl("/api/v1/auth/login"); s.StatusCodeShouldBe(401); })),
            (403, await Host.As(candidate, s => { s.Get.Url("/api/v1/admin/analytics/questions"); s.StatusCodeShouldBe(403); })),
            (404, await Host.As(candidate, s => { s.Get.Url($"/api/v1/interviews/{Guid.NewGuid()}"); s.StatusCodeShouldBe(404); })),
            (409, await Host.Scenario(s =>
            {
                s.Post.Json(new { email = candidate.Email, password = "another long password", displayName = "Again" }).ToUrl("/api/v1/auth/signup");
                s.StatusCodeShouldBe(409);
            })),
        };
        foreach (var (status, result) in problems)
        {
            var problem = await result.ProblemOf();
            var (type, title) = Problems.ByStatus[status];
            problem.GetProperty("status").GetInt32().ShouldBe(status);
            problem.GetProperty("type").GetString().ShouldBe(type);
            problem.GetProperty("title").GetString().ShouldBe(title);
            problem.GetProperty("type").GetString()!.ShouldStartWith("https://www.rfc-editor.org/rfc/");
        }
    }

    [Fact]
    public async Task signup_location_points_at_a_route_that_answers()
    {
        var email = $"located{Guid.NewGuid():N}@interview.test";
        var signup = await Host.Scenario(s =>
        {
            s.Post.Json(new { email, password = "correct horse battery", displayName = "Lou" }).ToUrl("/api/v1/auth/signup");
            s.StatusCodeShouldBe(201);
        });
        var location = signup.Context.Response.Headers.Location.ToString();
        location.ShouldBe("/api/v1/me");
        var token = (await signup.ReadAsJsonAsync<JsonElement>()).GetProperty("verificationToken").GetString();
        await Host.Scenario(s => { s.Post.Json(new { email, token }).ToUrl("/api/v1/auth/verify"); s.StatusCodeShouldBe(204); });
        var caller = await Host.LoggedIn(email);
        var me = await (await Host.As(caller, s => { s.Get.Url(location); s.StatusCodeShouldBe(200); })).ReadAsJsonAsync<JsonElement>();
        me.GetProperty("email").GetString().ShouldBe(email);
    }

    [Fact]
    public async Task created_interview_location_answers()
    {
        var caller = await Host.SignedUp();
        var created = await Host.As(caller, s => { s.Post.Json(Scenarios.DefaultInterview()).ToUrl("/api/v1/interviews"); s.StatusCodeShouldBe(201); });
        await Host.As(caller, s => { s.Get.Url(created.Context.Response.Headers.Location.ToString()); s.StatusCodeShouldBe(200); });
    }

    [Theory]
    [InlineData("/api/v1/prep")]
    [InlineData("/api/v1/prep/companies")]
    [InlineData("/api/v1/coach/interviews")]
    [InlineData("/api/v1/interviews")]
    [InlineData("/api/v1/questions")]
    public async Task every_list_is_a_bounded_page(string url)
    {
        var coach = await Coach();
        var page = await (await Host.As(coach, s => s.Get.Url($"{url}?page=1&pageSize=3"))).ReadAsJsonAsync<JsonElement>();
        page.GetProperty("items").ValueKind.ShouldBe(JsonValueKind.Array);
        page.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(page.GetProperty("items").GetArrayLength());
        page.GetProperty("page").GetInt32().ShouldBe(1);
        page.GetProperty("pageSize").GetInt32().ShouldBe(3);
        await Host.As(coach, s => { s.Get.Url($"{url}?pageSize=101"); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public async Task the_coach_timeline_is_paged_in_version_order()
    {
        var candidate = await Host.SignedUp();
        var coach = await Coach();
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.As(candidate, s => { s.Post.Json(new { coachEmail = coach.Email }).ToUrl($"/api/v1/interviews/{id}/share"); s.StatusCodeShouldBe(202); });

        var first = await (await Host.As(coach, s => s.Get.Url($"/api/v1/coach/interviews/{id}/timeline?page=1&pageSize=2"))).ReadAsJsonAsync<JsonElement>();
        var second = await (await Host.As(coach, s => s.Get.Url($"/api/v1/coach/interviews/{id}/timeline?page=2&pageSize=2"))).ReadAsJsonAsync<JsonElement>();
        first.GetProperty("total").GetInt32().ShouldBeGreaterThan(2);
        first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("version").GetInt64()).ShouldBe([1, 2, 3, 4]);
    }

    private async Task<Caller> Coach()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var coach = await Host.SignedUp();
        await Host.As(admin, s => { s.Post.Json(new { role = "coach" }).ToUrl($"/api/v1/admin/users/{coach.Id}/roles"); s.StatusCodeShouldBe(204); });
        return await Host.LoggedIn(coach.Email);
    }

    [Fact]
    public async Task question_analytics_is_a_bounded_page()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var page = await (await Host.As(admin, s => s.Get.Url("/api/v1/admin/analytics/questions?page=1&pageSize=5"))).ReadAsJsonAsync<JsonElement>();
        page.GetProperty("items").ValueKind.ShouldBe(JsonValueKind.Array);
        page.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        page.GetProperty("page").GetInt32().ShouldBe(1);
        page.GetProperty("pageSize").GetInt32().ShouldBe(5);

        foreach (var query in new[] { "pageSize=101", "pageSize=0", "page=0", $"page={int.MaxValue}&pageSize=100" })
        {
            var result = await Host.As(admin, s => { s.Get.Url($"/api/v1/admin/analytics/questions?{query}"); s.StatusCodeShouldBe(400); });
            (await result.ProblemOf()).GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
        }
    }

    [Theory]
    [InlineData(null, null, 1, 20, 0)]
    [InlineData(3, 100, 3, 100, 200)]
    [InlineData(21474837, 100, 21474837, 100, 2147483600)]
    public void paging_defaults_and_offsets(int? page, int? pageSize, int expectedPage, int expectedSize, int offset)
    {
        var errors = new Dictionary<string, string[]>();
        var request = Paging.Validate(page, pageSize, errors);
        errors.ShouldBeEmpty();
        request.ShouldBe(new PageRequest(expectedPage, expectedSize));
        request.Offset.ShouldBe(offset);
    }

    [Theory]
    [InlineData(0, 20, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 101, "pageSize")]
    [InlineData(21474838, 100, "page")]
    public void paging_rejects_out_of_range_values_and_offsets_that_overflow(int page, int pageSize, string field)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.Validate(page, pageSize, errors);
        errors.Keys.ShouldContain(field);
    }
}
