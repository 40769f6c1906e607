using System.Net;
using System.Text.Json;
using Alba;
using Interview.Api.Webhooks;
using Interview.Domain.Webhooks;
using Interview.Tests.Hosting;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Webhooks;

public sealed class WebhookTests(AppFixture fixture) : ApiTest(fixture), IAsyncDisposable
{
    private WebhookReceiver receiver = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await receiver.DisposeAsync();

    private async Task<Guid> Registered(Caller caller, string name, string[] events, string scope = "own")
    {
        var result = await Host.As(caller, s =>
        {
            s.Post.Json(new { url = $"{receiver.Url}/hooks/{name}", events, scope }).ToUrl("/api/v1/webhooks");
            s.StatusCodeShouldBe(201);
        });
        var body = await result.ReadAsJsonAsync<JsonElement>();
        receiver.Secrets[name] = body.GetProperty("secret").GetString().ShouldNotBeNull();
        return body.GetProperty("id").GetGuid();
    }

    private async Task<JsonElement[]> Deliveries(Caller caller, Guid hook) =>
        (await (await Host.As(caller, s => s.Get.Url($"/api/v1/webhooks/{hook}/deliveries"))).ReadAsJsonAsync<JsonElement>())
        .GetProperty("items").EnumerateArray().ToArray();

    /// <summary>The delivery log once it satisfies the condition: the receiver answers before the attempt is committed to the log.</summary>
    private async Task<JsonElement[]> DeliveriesWhen(Caller caller, Guid hook, Func<JsonElement[], bool> condition)
    {
        var log = await Deliveries(caller, hook);
        for (var i = 0; i < 300 && !condition(log); i++)
        {
            await Task.Delay(100);
            log = await Deliveries(caller, hook);
        }
        return log;
    }

    [Fact]
    public async Task signed_deliveries_are_retried_after_rejections_and_each_event_is_processed_exactly_once()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var candidate = await Host.SignedUp();
        var coach = await Host.SignedUp();
        await Host.As(admin, s => { s.Post.Json(new { role = "coach" }).ToUrl($"/api/v1/admin/users/{coach.Id}/roles"); s.StatusCodeShouldBe(204); });
        var own = await Registered(candidate, "candidate", [.. WebhookKinds.All]);
        var everything = await Registered(admin, "admin", [WebhookKinds.InterviewFinalized], "all");
        receiver.Answer = (_, attempt) => attempt == 1 ? 503 : 200;

        var interview = await Host.FinalizedInterview(candidate, _ => "I would use a hash map because lookups are O(1); the trade-off is memory.");
        await Host.ReportWhen(candidate, interview);
        await Host.As(candidate, s => { s.Post.Json(new { company = "Acme" }).ToUrl("/api/v1/prep"); s.StatusCodeShouldBe(201); });
        await Host.As(candidate, s => { s.Post.Json(new { coachEmail = coach.Email }).ToUrl($"/api/v1/interviews/{interview}/share"); s.StatusCodeShouldBe(202); });
        var other = await Host.SignedUp();
        await Host.Posted(other, $"/api/v1/interviews/{(await Host.StartedInterview(other)).Id}/finalize", 202);

        await receiver.WaitUntil(count => count >= 6, TimeSpan.FromSeconds(60));
        receiver.BadSignatures.ShouldBe(0);
        receiver.Processed.Values.Order().ShouldBe(new[]
        {
            WebhookKinds.InterviewFinalized, WebhookKinds.InterviewFinalized, WebhookKinds.InterviewShared, WebhookKinds.PrepGenerated,
            WebhookKinds.ReportReady, WebhookKinds.InterviewFinalized
        }.Order(), "the candidate's four kinds and both finalizations for the admin");
        receiver.Received.Where(r => r.Status == 503).Select(r => r.DeliveryId).Order().ShouldBe(receiver.Processed.Keys.Order(), "every delivery was rejected once first");

        var log = await DeliveriesWhen(candidate, own, l => l.Length == 4 && l.All(d => d.GetProperty("status").GetString() == "delivered"));
        log.Length.ShouldBe(4);
        log.ShouldAllBe(d => d.GetProperty("status").GetString() == "delivered" && d.GetProperty("attempts").GetArrayLength() == 2);
        log.ShouldAllBe(d => d.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32() == 503);
        var finalized = JsonDocument.Parse(log.Single(d => d.GetProperty("kind").GetString() == WebhookKinds.InterviewFinalized).GetProperty("body").GetString()!).RootElement;
        finalized.GetProperty("data").GetProperty("interviewId").GetGuid().ShouldBe(interview);
        (await DeliveriesWhen(admin, everything, l => l.Length == 2)).Length.ShouldBe(2);
        await Host.As(candidate, s => { s.Get.Url($"/api/v1/webhooks/{everything}/deliveries"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task a_delivery_that_keeps_failing_is_dead_lettered_and_a_replay_delivers_it_once()
    {
        var candidate = await Host.SignedUp();
        var hook = await Registered(candidate, "failing", [WebhookKinds.InterviewFinalized]);
        receiver.Answer = (_, _) => 500;
        var (interview, _) = await Host.StartedInterview(candidate);
        await Host.Posted(candidate, $"/api/v1/interviews/{interview}/finalize", 202);

        var settings = Host.Services.GetRequiredService<WebhookSettings>();
        var delivery = (await DeliveriesWhen(candidate, hook, l => l.Length == 1 && l[0].GetProperty("status").GetString() == "deadLettered")).Single();
        delivery.GetProperty("status").GetString().ShouldBe("deadLettered");
        delivery.GetProperty("attempts").GetArrayLength().ShouldBe(settings.MaxAttempts);
        receiver.Processed.ShouldBeEmpty();

        receiver.Answer = (_, _) => 200;
        var id = delivery.GetProperty("id").GetGuid();
        var deadLettered = 0L;
        for (var i = 0; i < 50 && deadLettered == 0; i++)
        {
            await using var connection = new Npgsql.NpgsqlConnection(Interview.Api.Hosting.DataDirectory.ConnectionString(Host.Services.GetRequiredService<IConfiguration>()));
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("select count(*) from wolverine.wolverine_dead_letters d where encode(d.body, 'escape') ilike @id", connection);
            command.Parameters.AddWithValue("id", $"%{id}%");
            deadLettered = (long)(await command.ExecuteScalarAsync())!;
            if (deadLettered == 0) await Task.Delay(100);
        }
        deadLettered.ShouldBe(1, "Wolverine moved the message to its dead letters");
        await Host.As(candidate, s => { s.Post.Url($"/api/v1/webhooks/{hook}/deliveries/{id}/replay"); s.StatusCodeShouldBe(202); });
        await receiver.WaitUntil(count => count >= 1, TimeSpan.FromSeconds(30));
        receiver.Processed.Keys.Single().ShouldBe(id.ToString());
        var other = await Host.SignedUp();
        await Host.As(other, s => { s.Post.Url($"/api/v1/webhooks/{hook}/deliveries/{id}/replay"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task bad_registrations_are_problems_and_append_nothing()
    {
        var candidate = await Host.SignedUp();
        var before = await Fixture.Store.QuerySession().Events.FetchStreamStateAsync(candidate.Id);
        foreach (var bad in new object[]
                 {
                     new { url = "ftp://example.com/hook", events = new[] { "report.ready" } },
                     new { url = "not a url", events = new[] { "report.ready" } },
                     new { url = "https://user:pw@example.com/hook", events = new[] { "report.ready" } },
                     new { url = "https://example.com/hook", events = new[] { "report.exploded" } },
                     new { url = "https://example.com/hook", events = Array.Empty<string>() },
                     new { url = $"{receiver.Url}/hooks/x", events = new[] { "report.ready" }, scope = "all" }
                 })
        {
            var result = await Host.As(candidate, s => { s.Post.Json(bad).ToUrl("/api/v1/webhooks"); s.StatusCodeShouldBe(400); });
            (await result.ProblemOf()).GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
        }
        (await (await Host.As(candidate, s => s.Get.Url("/api/v1/webhooks"))).ReadAsJsonAsync<JsonElement>()).GetProperty("total").GetInt32().ShouldBe(0);
        await Host.As(candidate, s => { s.Delete.Url($"/api/v1/webhooks/{Guid.NewGuid()}"); s.StatusCodeShouldBe(404); });
        (await Fixture.Store.QuerySession().Events.FetchStreamStateAsync(candidate.Id))!.Version.ShouldBe(before!.Version);
    }

    [Fact]
    public async Task private_addresses_are_refused_at_registration_and_at_delivery_unless_allowed()
    {
        var candidate = await Host.SignedUp();
        var configuration = Host.Services.GetRequiredService<IConfiguration>();
        var hook = await Registered(candidate, "rebinding", [WebhookKinds.InterviewFinalized]);
        try
        {
            configuration["Webhooks:AllowPrivateNetworks"] = "false";
            var refused = await Host.As(candidate, s =>
            {
                s.Post.Json(new { url = $"{receiver.Url}/hooks/x", events = new[] { "report.ready" } }).ToUrl("/api/v1/webhooks");
                s.StatusCodeShouldBe(400);
            });
            (await refused.ProblemOf()).GetProperty("errors").GetProperty("url")[0].GetString()!.ShouldContain("private");

            var (interview, _) = await Host.StartedInterview(candidate);
            await Host.Posted(candidate, $"/api/v1/interviews/{interview}/finalize", 202);
            var log = await DeliveriesWhen(candidate, hook, l => l.Length == 1 && l[0].GetProperty("status").GetString() == "deadLettered");
            log.Single().GetProperty("status").GetString().ShouldBe("deadLettered");
            log.Single().GetProperty("attempts")[0].GetProperty("error").GetString()!.ShouldContain("private");
            receiver.Received.ShouldBeEmpty("nothing reached the private address");
        }
        finally
        {
            configuration["Webhooks:AllowPrivateNetworks"] = "true";
        }
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void only_public_addresses_may_receive_webhooks(string address, bool allowed) =>
        WebhookRules.IsPublic(IPAddress.Parse(address)).ShouldBe(allowed);

    [Fact]
    public void the_signature_is_hmac_sha256_over_timestamp_dot_body()
    {
        var header = WebhookSender.Signature("whsec_test", 1700000000, "{\"a\":1}");
        header.ShouldStartWith("t=1700000000,v1=");
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("whsec_test"u8, "1700000000.{\"a\":1}"u8)).ShouldBe(header[16..]);
    }
}
