using System.Text.Json;
using Interview.Api.Sessions;
using Interview.Domain.Sessions;
using Interview.Tests.Hosting;
using Marten;
using Shouldly;

namespace Interview.Tests.Idempotency;

public sealed class IdempotencyTests(AppFixture fixture) : ApiTest(fixture)
{
    private async Task<int> Answers(Guid id)
    {
        await using var session = Fixture.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Count(e => e.Data is AnswerSubmitted);
    }

    [Fact]
    public async Task twenty_parallel_answers_with_one_key_all_get_the_replayed_202_and_one_answer_is_appended()
    {
        var candidate = await Host.SignedUp();
        for (var trial = 0; trial < 3; trial++)
        {
            var (id, _) = await Host.StartedInterview(candidate);
            var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Host.As(candidate, s =>
            {
                // Half send the key in the header, half in the body: the same key and payload either way.
                if (i % 2 == 0) s.WithRequestHeader("Idempotency-Key", $"answer-{trial}");
                s.Post.Json(i % 2 == 0 ? new { text = "I build payment services.", idempotencyKey = (string?)null } : new { text = "I build payment services.", idempotencyKey = (string?)$"answer-{trial}" })
                    .ToUrl($"/api/v1/interviews/{id}/answers");
                s.IgnoreStatusCode();
            })));

            results.Select(r => r.Context.Response.StatusCode).ShouldAllBe(status => status == 202);
            var versions = new HashSet<long>();
            foreach (var result in results) versions.Add((await result.ReadAsJsonAsync<InterviewAccepted>())!.Version);
            versions.Count.ShouldBe(1);
            (await Answers(id)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task the_same_key_with_another_text_is_a_422_and_appends_nothing()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.Answered(candidate, id, "My first answer.", idempotencyKey: "k1");
        await Host.Interview(candidate, id);

        var result = await Host.Answered(candidate, id, "A different answer.", idempotencyKey: "k1", status: 422);

        (await result.ProblemOf()).GetProperty("detail").GetString()!.ShouldContain("key");
        (await Answers(id)).ShouldBe(1);
    }

    [Fact]
    public async Task a_replay_returns_the_first_status_body_and_location()
    {
        var candidate = await Host.SignedUp();
        var first = await Host.As(candidate, s =>
        {
            s.WithRequestHeader("Idempotency-Key", "create-1");
            s.Post.Json(Scenarios.DefaultInterview()).ToUrl("/api/v1/interviews");
            s.StatusCodeShouldBe(201);
        });
        var again = await Host.As(candidate, s =>
        {
            s.WithRequestHeader("Idempotency-Key", "create-1");
            s.Post.Json(Scenarios.DefaultInterview()).ToUrl("/api/v1/interviews");
            s.StatusCodeShouldBe(201);
        });

        var id = (await first.ReadAsJsonAsync<InterviewCreatedResponse>())!.Id;
        (await again.ReadAsJsonAsync<InterviewCreatedResponse>())!.Id.ShouldBe(id);
        again.Context.Response.Headers.Location.ToString().ShouldBe(first.Context.Response.Headers.Location.ToString());
        again.Context.Response.Headers["Idempotent-Replayed"].ToString().ShouldBe("true");
        var history = await (await Host.As(candidate, s => s.Get.Url("/api/v1/interviews"))).ReadAsJsonAsync<JsonElement>();
        history.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task keys_are_scoped_to_the_caller()
    {
        var one = await Host.SignedUp();
        var other = await Host.SignedUp();

        var results = await Task.WhenAll(new[] { one, other }.Select(caller => Host.As(caller, s =>
        {
            s.WithRequestHeader("Idempotency-Key", "shared-key");
            s.Post.Json(Scenarios.DefaultInterview()).ToUrl("/api/v1/interviews");
            s.StatusCodeShouldBe(201);
        })));

        var ids = new List<Guid>();
        foreach (var result in results)
        {
            result.Context.Response.Headers.ContainsKey("Idempotent-Replayed").ShouldBeFalse();
            ids.Add((await result.ReadAsJsonAsync<InterviewCreatedResponse>())!.Id);
        }
        ids.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task a_refused_command_is_not_stored_so_its_key_can_be_retried()
    {
        var candidate = await Host.SignedUp();
        var id = await Host.CreatedInterview(candidate);
        await Host.Answered(candidate, id, "Too early.", idempotencyKey: "early", status: 409);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/start", 202);
        await Host.Interview(candidate, id);

        await Host.Answered(candidate, id, "Too early.", idempotencyKey: "early", status: 202);
        (await Answers(id)).ShouldBe(1);
    }

    [Fact]
    public async Task a_header_key_that_differs_from_the_body_key_is_refused()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.As(candidate, s =>
        {
            s.WithRequestHeader("Idempotency-Key", "a");
            s.Post.Json(new { text = "An answer.", idempotencyKey = "b" }).ToUrl($"/api/v1/interviews/{id}/answers");
            s.StatusCodeShouldBe(400);
        });
        (await Answers(id)).ShouldBe(0);
    }

    [Fact]
    public async Task a_keyed_practice_replayed_in_parallel_is_recorded_once()
    {
        var candidate = await Host.SignedUp();
        var created = await Host.As(candidate, s => { s.Post.Json(new { company = "Stripe" }).ToUrl("/api/v1/prep"); s.StatusCodeShouldBe(201); });
        var id = (await created.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Host.As(candidate, s =>
        {
            s.WithRequestHeader("Idempotency-Key", "practice-1");
            s.Post.Json(new { questionIndex = 2, answer = "I would start from the requirements and measure." }).ToUrl($"/api/v1/prep/{id}/practice");
            s.StatusCodeShouldBe(200);
        })));

        var bodies = new HashSet<string>();
        foreach (var result in results) bodies.Add((await result.ReadAsJsonAsync<JsonElement>()).GetProperty("practice").GetRawText());
        bodies.Count.ShouldBe(1);
        var pack = await (await Host.As(candidate, s => s.Get.Url($"/api/v1/prep/{id}"))).ReadAsJsonAsync<JsonElement>();
        pack.GetProperty("practice").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task a_keyed_evaluation_is_replayed_and_another_answer_with_the_key_is_a_422()
    {
        var candidate = await Host.SignedUp();
        var request = new { question = new { text = "How would you cache a slow query?", type = "technical" }, answer = "Cache the result in Redis with a TTL and invalidate on writes." };
        var first = await Host.As(candidate, s => { s.WithRequestHeader("Idempotency-Key", "eval-1"); s.Post.Json(request).ToUrl("/api/v1/evaluations"); s.StatusCodeShouldBe(200); });
        var again = await Host.As(candidate, s => { s.WithRequestHeader("Idempotency-Key", "eval-1"); s.Post.Json(request).ToUrl("/api/v1/evaluations"); s.StatusCodeShouldBe(200); });

        (await again.ReadAsTextAsync()).ShouldBe(await first.ReadAsTextAsync());
        again.Context.Response.Headers["Idempotent-Replayed"].ToString().ShouldBe("true");
        await Host.As(candidate, s =>
        {
            s.WithRequestHeader("Idempotency-Key", "eval-1");
            s.Post.Json(request with { answer = "Something else entirely." }).ToUrl("/api/v1/evaluations");
            s.StatusCodeShouldBe(422);
        });
    }
}
