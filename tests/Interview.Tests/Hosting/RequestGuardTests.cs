using System.Text;
using System.Text.Json;
using Shouldly;

namespace Interview.Tests.Hosting;

/// <summary>The bad inputs that were 500s (issue 11), each answered with a ProblemDetails 4xx.</summary>
public sealed class RequestGuardTests(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<(int Status, JsonElement Problem)> Send(Caller? caller, string method, string url, string? body = null,
        string contentType = "application/json", (string Name, string Value)? header = null)
    {
        using var client = Host.Server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (caller is not null) request.Headers.Authorization = new("Bearer", caller.Token);
        if (header is { } h) request.Headers.Add(h.Name, h.Value);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await client.SendAsync(request);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        problem.GetProperty("type").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("status").GetInt32().ShouldBe((int)response.StatusCode);
        return ((int)response.StatusCode, problem);
    }

    [Theory]
    [InlineData("POST", "/api/v1/auth/signup")]
    [InlineData("POST", "/api/v1/auth/login")]
    [InlineData("POST", "/api/v1/auth/verify")]
    [InlineData("POST", "/api/v1/interviews")]
    [InlineData("POST", "/api/v1/interviews/{id}/answers")]
    [InlineData("POST", "/api/v1/interviews/{id}/share")]
    [InlineData("POST", "/api/v1/evaluations")]
    [InlineData("POST", "/api/v1/prep")]
    [InlineData("PUT", "/api/v1/me/profile")]
    [InlineData("POST", "/api/v1/admin/users/{id}/roles")]
    public async Task a_json_null_body_is_a_400_naming_the_body(string method, string route)
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var (status, problem) = await Send(admin, method, route.Replace("{id}", Guid.NewGuid().ToString()), "null");

        status.ShouldBe(400);
        problem.GetProperty("errors").TryGetProperty("body", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task u0000_in_a_body_string_is_a_400_naming_the_field_and_appends_nothing()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await using var session = Fixture.Store.QuerySession();
        var version = (await session.Events.FetchStreamStateAsync(id))!.Version;

        var (status, problem) = await Send(candidate, "POST", $"/api/v1/interviews/{id}/answers", "{\"text\": \"I would \\u0000 shard\"}");
        var (nested, nestedProblem) = await Send(candidate, "POST", "/api/v1/interviews",
            "{\"track\": \"backend\", \"techStack\": [\"go\", \"c\\u0000\"]}");

        (status, nested).ShouldBe((400, 400));
        problem.GetProperty("errors").TryGetProperty("text", out _).ShouldBeTrue();
        nestedProblem.GetProperty("errors").TryGetProperty("techStack[1]", out _).ShouldBeTrue();
        await using var after = Fixture.Store.QuerySession();
        (await after.Events.FetchStreamStateAsync(id))!.Version.ShouldBe(version);
    }

    [Fact]
    public async Task u0000_in_a_query_value_is_a_400_naming_the_parameter()
    {
        var candidate = await Host.SignedUp();
        var (status, problem) = await Send(candidate, "GET", "/api/v1/questions?tag=a%00b");

        status.ShouldBe(400);
        problem.GetProperty("errors").TryGetProperty("tag", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("start")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("finalize")]
    [InlineData("answers")]
    public async Task the_all_zero_id_is_a_404(string command)
    {
        var candidate = await Host.SignedUp();
        var (status, _) = await Send(candidate, "POST", $"/api/v1/interviews/{Guid.Empty}/{command}", "{\"text\": \"hello\"}");
        status.ShouldBe(404);
    }

    [Theory]
    [InlineData("/api/v1/questions?page=107374184")]
    [InlineData("/api/v1/interviews?page=107374184")]
    [InlineData("/api/v1/questions?page=0")]
    [InlineData("/api/v1/interviews?pageSize=101")]
    [InlineData("/api/v1/questions?pageSize=0")]
    [InlineData("/api/v1/questions?page=99999999999")]
    public async Task pages_beyond_the_limits_are_a_400(string url)
    {
        var candidate = await Host.SignedUp();
        (await Send(candidate, "GET", url)).Status.ShouldBe(400);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-1")]
    [InlineData("31")]
    [InlineData("soon")]
    public async Task a_wait_for_turn_that_is_not_a_number_of_seconds_in_range_is_a_400(string value)
    {
        var candidate = await Host.SignedUp();
        var id = await Host.CreatedInterview(candidate);
        var (status, problem) = await Send(candidate, "GET", $"/api/v1/interviews/{id}?waitForTurn={value}");

        status.ShouldBe(400);
        problem.GetProperty("errors").TryGetProperty("waitForTurn", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task a_body_of_the_wrong_shape_names_the_path_and_no_dotnet_type()
    {
        var (arrayStatus, arrayProblem) = await Send(null, "POST", "/api/v1/auth/login", "[]");
        var (fieldStatus, fieldProblem) = await Send(null, "POST", "/api/v1/auth/login", "{\"email\": 42, \"password\": \"x\"}");
        var (syntaxStatus, syntaxProblem) = await Send(null, "POST", "/api/v1/auth/login", "{\"email\": ");

        (arrayStatus, fieldStatus, syntaxStatus).ShouldBe((400, 400, 400));
        fieldProblem.GetProperty("detail").GetString()!.ShouldContain("$.email");
        foreach (var problem in new[] { arrayProblem, fieldProblem, syntaxProblem })
            problem.GetRawText().ShouldNotContain("Interview.");
    }

    [Fact]
    public async Task oversize_urls_headers_and_bodies_get_problem_details()
    {
        var candidate = await Host.SignedUp();
        (await Send(candidate, "GET", $"/api/v1/questions?tag={new string('x', 9_000)}")).Status.ShouldBe(414);
        (await Send(candidate, "GET", "/api/v1/questions", header: ("X-Padding", new string('y', 40_000)))).Status.ShouldBe(431);
        (await Send(candidate, "POST", "/api/v1/prep", $"{{\"company\": \"{new string('z', 300_000)}\"}}")).Status.ShouldBe(413);
    }
}
