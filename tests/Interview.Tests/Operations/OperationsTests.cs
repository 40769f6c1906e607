using System.Text.Json;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class OperationsTests(AppFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task health_endpoints_answer_without_a_token(string url)
    {
        await Host.Scenario(s => { s.Get.Url(url); s.StatusCodeShouldBe(200); });
    }

    [Fact]
    public async Task swagger_lists_every_endpoint_with_request_and_response_schemas()
    {
        var result = await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"));
        var document = await result.ReadAsJsonAsync<JsonElement>();
        var paths = document.GetProperty("paths");

        string[] expected =
        [
            "/api/v1/auth/signup", "/api/v1/auth/verify", "/api/v1/auth/login", "/api/v1/me", "/api/v1/me/profile",
            "/api/v1/admin/users/{id}/roles", "/api/v1/questions", "/api/v1/questions/coverage", "/api/v1/interviews",
            "/api/v1/interviews/{id}", "/api/v1/interviews/{id}/start", "/api/v1/interviews/{id}/answers",
            "/api/v1/interviews/{id}/pause", "/api/v1/interviews/{id}/resume", "/api/v1/interviews/{id}/finalize",
            "/api/v1/interviews/{id}/report", "/api/v1/interviews/{id}/report/retry", "/api/v1/evaluations", "/api/v1/ai/status",
            "/api/v1/me/statistics", "/api/v1/me/dashboard", "/api/v1/interviews/{id}/share", "/api/v1/coach/interviews",
            "/api/v1/coach/interviews/{id}/timeline", "/api/v1/coach/interviews/{id}/replay", "/api/v1/coach/interviews/{id}/notes",
            "/api/v1/coach/interviews/{id}/rescore", "/api/v1/admin/analytics/overview", "/api/v1/admin/analytics/questions",
            "/api/v1/admin/analytics/llm", "/api/v1/prep", "/api/v1/prep/{id}", "/api/v1/prep/{id}/save", "/api/v1/prep/{id}/unsave",
            "/api/v1/prep/{id}/practice", "/api/v1/prep/{id}/interview", "/api/v1/prep/companies"
        ];
        foreach (var path in expected) paths.TryGetProperty(path, out _).ShouldBeTrue($"{path} is missing from OpenAPI");

        var answers = paths.GetProperty("/api/v1/interviews/{id}/answers").GetProperty("post");
        answers.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").ValueKind.ShouldBe(JsonValueKind.Object);
        answers.GetProperty("responses").GetProperty("202").GetProperty("content").EnumerateObject().First().Value
            .GetProperty("schema").ValueKind.ShouldBe(JsonValueKind.Object);
        paths.GetProperty("/api/v1/interviews/{id}").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").EnumerateObject().First().Value.GetProperty("schema").ValueKind.ShouldBe(JsonValueKind.Object);

        var report = paths.GetProperty("/api/v1/interviews/{id}/report").GetProperty("get").GetProperty("responses");
        report.TryGetProperty("200", out _).ShouldBeTrue();
        report.TryGetProperty("202", out _).ShouldBeTrue();

        var html = await Host.Scenario(s => s.Get.Url("/swagger/index.html"));
        html.ReadAsText().ShouldContain("swagger");
    }
}
