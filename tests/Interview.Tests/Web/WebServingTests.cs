using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Interview.Tests.Hosting;
using Shouldly;

namespace Interview.Tests.Web;

public sealed class WebServingTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task the_app_is_served_at_root_and_for_client_routes_without_a_token_and_revalidated_by_etag()
    {
        var root = await Host.Scenario(s =>
        {
            s.Get.Url("/");
            s.ContentTypeShouldBe("text/html; charset=utf-8");
            s.Header("Cache-Control").SingleValueShouldEqual("no-cache");
        });
        var html = root.ReadAsText();
        html.ShouldContain("<main id=\"main\"");
        var etag = root.Context.Response.Headers.ETag.ToString();
        etag.ShouldNotBeNullOrWhiteSpace();

        var route = await Host.Scenario(s => s.Get.Url("/interviews/01a212ef-6f8f-73fe-b235-98ed6bcb392a/report"));
        route.ReadAsText().ShouldBe(html);

        await Host.Scenario(s =>
        {
            s.Get.Url("/history");
            s.WithRequestHeader("If-None-Match", etag);
            s.StatusCodeShouldBe(304);
        });
    }

    [Fact]
    public async Task modules_have_content_hashed_urls_cached_for_a_year_and_are_compressed()
    {
        var html = (await Host.Scenario(s => s.Get.Url("/"))).ReadAsText();
        var main = Regex.Match(html, "/app/[0-9a-f]{12}/main\\.js").Value;
        main.ShouldNotBeEmpty();
        await Host.Scenario(s =>
        {
            s.Get.Url(main);
            s.WithRequestHeader("Accept-Encoding", "br");
            s.ContentTypeShouldBe("text/javascript");
            s.Header("Cache-Control").SingleValueShouldEqual("public, max-age=31536000, immutable");
            s.Header("Content-Encoding").SingleValueShouldEqual("br");
        });
        await Host.Scenario(s =>
        {
            s.Get.Url("/app/000000000000/main.js");
            s.Header("Cache-Control").SingleValueShouldEqual("no-cache");
        });
    }

    [Fact]
    public async Task api_health_and_swagger_keep_their_own_answers_and_the_stream_is_documented()
    {
        var caller = await Host.SignedUp();
        await Host.As(caller, s =>
        {
            s.Get.Url("/api/v1/no-such-route");
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/v1/me");
            s.StatusCodeShouldBe(401);
        });
        (await Host.Scenario(s => s.Get.Url("/health/live"))).ReadAsText().ShouldBe("Healthy");

        var swagger = await (await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"))).ReadAsJsonAsync<JsonElement>();
        var stream = swagger.GetProperty("paths").GetProperty("/api/v1/interviews/{id}/stream").GetProperty("get");
        stream.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _).ShouldBeTrue();
        stream.GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
    }
}
