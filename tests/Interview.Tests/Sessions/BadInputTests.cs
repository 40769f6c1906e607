using System.Text;
using Interview.Domain.Sessions;
using Interview.Tests.Hosting;
using Marten;
using Shouldly;

namespace Interview.Tests.Sessions;

public sealed class BadInputTests(AppFixture fixture) : ApiTest(fixture)
{
    /// <summary>
    /// The versions of the events the candidate's own commands appended. The interviewer's turns and the report job keep
    /// appending after a command has returned, so "appends nothing" compares only these: all a rejected command could add.
    /// </summary>
    private async Task<long[]> CommandEvents(Guid id)
    {
        await using var session = Fixture.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(id))
            .Where(e => e.Data is InterviewCreated or InterviewStarted or AnswerSubmitted or InterviewPaused or InterviewResumed
                or InterviewFinalized or Domain.Reports.ReportRequested)
            .Select(e => e.Version)
            .ToArray();
    }

    private async Task<int> StreamCount()
    {
        await using var session = Fixture.Store.QuerySession();
        return (await session.QueryAsync<int>("select count(*)::int from interview.mt_streams")).Single();
    }

    [Theory]
    [InlineData("type", "chat", "type")]
    [InlineData("level", "wizard", "level")]
    [InlineData("difficulty", "impossible", "difficulty")]
    [InlineData("track", "astronaut", "track")]
    [InlineData("companyStyle", "initech", "companyStyle")]
    [InlineData("questionCount", 2, "questionCount")]
    [InlineData("questionCount", 11, "questionCount")]
    public async Task an_invalid_interview_is_refused_with_the_field_named_and_nothing_appended(string field, object value, string errorKey)
    {
        var candidate = await Host.SignedUp();
        var before = await StreamCount();
        var request = new Dictionary<string, object>
        {
            ["track"] = "backend", ["role"] = "Backend Engineer", ["level"] = "mid", ["type"] = "technical",
            ["difficulty"] = "medium", ["companyStyle"] = "general", ["techStack"] = new[] { "go" }, ["questionCount"] = 5
        };
        request[field] = value;

        var result = await Host.As(candidate, s => { s.Post.Json(request).ToUrl("/api/v1/interviews"); s.StatusCodeShouldBe(400); });

        var problem = await result.ProblemOf();
        problem.GetProperty("errors").TryGetProperty(errorKey, out var messages).ShouldBeTrue();
        messages[0].GetString().ShouldNotBeNullOrWhiteSpace();
        (await StreamCount()).ShouldBe(before);
    }

    [Fact]
    public async Task malformed_json_is_a_problem_details_400()
    {
        var candidate = await Host.SignedUp();
        var before = await StreamCount();
        var result = await Host.As(candidate, s =>
        {
            s.Post.Text("{\"track\": \"backend\", ").ToUrl("/api/v1/interviews");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
        (await result.ProblemOf()).GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        (await StreamCount()).ShouldBe(before);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task an_empty_answer_is_refused_and_appends_nothing(string? text)
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        var before = await CommandEvents(id);

        var result = await Host.Answered(candidate, id, text!, status: 400);

        (await result.ProblemOf()).GetProperty("detail").GetString()!.ShouldContain("empty");
        (await CommandEvents(id)).ShouldBe(before);
    }

    [Fact]
    public async Task an_answer_over_20000_characters_is_refused_and_appends_nothing()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        var before = await CommandEvents(id);

        var result = await Host.Answered(candidate, id, new StringBuilder().Append('a', 20_001).ToString(), status: 400);

        (await result.ProblemOf()).GetProperty("detail").GetString()!.ShouldContain("20000");
        (await CommandEvents(id)).ShouldBe(before);
    }

    [Fact]
    public async Task an_answer_when_none_is_awaited_is_a_conflict_and_appends_nothing()
    {
        var candidate = await Host.SignedUp();
        var id = await Host.CreatedInterview(candidate);
        var before = await CommandEvents(id);

        await Host.Answered(candidate, id, "Too early.", status: 409);

        (await CommandEvents(id)).ShouldBe(before);
    }

    [Fact]
    public async Task an_answer_after_finalize_is_refused_and_appends_nothing()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/finalize", 202);
        var before = await CommandEvents(id);

        var result = await Host.Answered(candidate, id, "Too late.", status: 409);

        (await result.ProblemOf()).GetProperty("detail").GetString()!.ShouldContain("finalized");
        (await CommandEvents(id)).ShouldBe(before);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/pause", 409);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/finalize", 409);
        (await CommandEvents(id)).ShouldBe(before);
    }

    [Fact]
    public async Task actions_on_a_paused_interview_are_refused_and_append_nothing()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/pause", 202);
        var before = await CommandEvents(id);

        await Host.Answered(candidate, id, "While paused.", status: 409);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/pause", 409);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/start", 409);

        (await CommandEvents(id)).ShouldBe(before);
    }

    [Fact]
    public async Task two_concurrent_answers_to_the_same_question_accept_exactly_one()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Host.As(candidate, s =>
        {
            s.Post.Json(new { text = $"Concurrent answer {i}" }).ToUrl($"/api/v1/interviews/{id}/answers");
            s.IgnoreStatusCode();
        })));

        attempts.Select(a => a.Context.Response.StatusCode).Order().ShouldBe([202, 409]);
        await using var session = Fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Count(e => e.Data is AnswerSubmitted).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_idempotency_key_twice_appends_one_answer_and_returns_the_same_version()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);

        var first = await (await Host.Answered(candidate, id, "My answer.", idempotencyKey: "key-1")).ReadAsJsonAsync<Api.Sessions.InterviewAccepted>();
        await Host.Interview(candidate, id);
        var second = await (await Host.Answered(candidate, id, "My answer.", idempotencyKey: "key-1")).ReadAsJsonAsync<Api.Sessions.InterviewAccepted>();

        second!.Version.ShouldBe(first!.Version);
        await using var session = Fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Count(e => e.Data is AnswerSubmitted).ShouldBe(1);
    }
}
