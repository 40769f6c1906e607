using System.Text.RegularExpressions;
using Interview.Tests.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace Interview.Tests.Accounts;

public sealed class SecurityHeaderTests(AppFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("/health/live", 200)]
    [InlineData("/api/v1/me", 401)]
    public async Task every_response_carries_the_security_headers(string url, int status)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.StatusCodeShouldBe(status); });

        var headers = result.Context.Response.Headers;
        headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        headers["Referrer-Policy"].ToString().ShouldBe("no-referrer");
        var csp = headers.ContentSecurityPolicy.ToString();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        headers.ContainsKey("Server").ShouldBeFalse();
        headers.ContainsKey("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task api_and_auth_responses_are_never_cached()
    {
        var candidate = await Host.SignedUp();
        var login = await Host.Scenario(s =>
        {
            s.Post.Json(new { email = candidate.Email, password = "correct horse battery" }).ToUrl("/api/v1/auth/login");
            s.StatusCodeShouldBe(200);
        });
        login.Context.Response.Headers.CacheControl.ToString().ShouldBe("no-store");
        var me = await Host.As(candidate, s => s.Get.Url("/api/v1/me"));
        me.Context.Response.Headers.CacheControl.ToString().ShouldBe("no-store");
    }

    [Fact]
    public async Task hsts_is_sent_over_https()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.ConfigureHttpContext(context => context.Request.Scheme = "https");
        });
        result.Context.Response.Headers.StrictTransportSecurity.ToString().ShouldStartWith("max-age=31536000");
    }

    [Fact]
    public async Task swagger_ui_loads_only_scripts_from_files_under_its_own_policy()
    {
        var page = await Host.Scenario(s => { s.Get.Url("/swagger/index.html"); s.StatusCodeShouldBe(200); });

        var csp = page.Context.Response.Headers.ContentSecurityPolicy.ToString();
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain("frame-ancestors 'none'");
        var html = await page.ReadAsTextAsync();
        Regex.IsMatch(html, @"<script(?![^>]*\bsrc=)[^>]*>\s*\S", RegexOptions.IgnoreCase).ShouldBeFalse("an inline script would be blocked");
        foreach (Match script in Regex.Matches(html, @"<script[^>]*\bsrc=""([^""]+)"""))
        {
            var src = script.Groups[1].Value.TrimStart('.', '/');
            await Host.Scenario(s => { s.Get.Url("/swagger/" + src); s.StatusCodeShouldBe(200); });
        }
    }

    [Fact]
    public void kestrel_sends_no_server_header()
    {
        Host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader.ShouldBeFalse();
    }
}
