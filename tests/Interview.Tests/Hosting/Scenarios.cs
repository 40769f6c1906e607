using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using Interview.Api.Accounts;
using Interview.Api.Sessions;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Shouldly;

namespace Interview.Tests.Hosting;

public sealed record Caller(Guid Id, string Email, string Token, string? RefreshToken = null);

/// <summary>Steps a client takes, through HTTP exactly as the web app does them.</summary>
public static class Scenarios
{
    private static int counter;

    public static async Task<Caller> SignedUp(this IAlbaHost host, string? email = null, string password = "correct horse battery")
    {
        email ??= $"candidate{Interlocked.Increment(ref counter)}@interview.test";
        var signup = await host.Scenario(s =>
        {
            s.Post.Json(new { email, password, displayName = "Casey Candidate" }).ToUrl("/api/v1/auth/signup");
            s.StatusCodeShouldBe(201);
        });
        var created = await signup.ReadAsJsonAsync<SignupResponse>();
        created!.VerificationToken.ShouldNotBeNullOrWhiteSpace();
        await host.Scenario(s =>
        {
            s.Post.Json(new { email, token = created.VerificationToken }).ToUrl("/api/v1/auth/verify");
            s.StatusCodeShouldBe(204);
        });
        return await host.LoggedIn(email, password);
    }

    public static async Task<Caller> LoggedIn(this IAlbaHost host, string email, string password = "correct horse battery")
    {
        var login = await host.Scenario(s =>
        {
            s.Post.Json(new { email, password }).ToUrl("/api/v1/auth/login");
            s.StatusCodeShouldBe(200);
        });
        var body = await login.ReadAsJsonAsync<LoginResponse>();
        return new Caller(body!.User.Id, email, body.AccessToken, body.RefreshToken);
    }

    public static async Task<IScenarioResult> As(this IAlbaHost host, Caller caller, Action<Scenario> configure) =>
        await host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {caller.Token}");
            configure(s);
        });

    public static async Task<Guid> CreatedInterview(this IAlbaHost host, Caller caller, object? request = null)
    {
        var result = await host.As(caller, s =>
        {
            s.Post.Json(request ?? DefaultInterview()).ToUrl("/api/v1/interviews");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<InterviewCreatedResponse>())!.Id;
    }

    public static object DefaultInterview(string type = "mixed", int questionCount = 3, string difficulty = "medium") => new
    {
        track = "backend", role = "Backend Engineer", level = "mid", type, difficulty, companyStyle = "general",
        techStack = new[] { "c#", "postgresql" }, questionCount
    };

    public static async Task<InterviewView> Interview(this IAlbaHost host, Caller caller, Guid id, int waitForTurn = 25)
    {
        var result = await host.As(caller, s =>
        {
            s.Get.Url($"/api/v1/interviews/{id}?waitForTurn={waitForTurn}");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<InterviewView>())!;
    }

    /// <summary>A started interview whose greeting and warm-up are there, waiting for the candidate.</summary>
    public static async Task<(Guid Id, InterviewView View)> StartedInterview(this IAlbaHost host, Caller caller, object? request = null)
    {
        var id = await host.CreatedInterview(caller, request);
        await host.As(caller, s =>
        {
            s.Post.Url($"/api/v1/interviews/{id}/start");
            s.StatusCodeShouldBe(202);
        });
        var view = await host.Interview(caller, id);
        view.Awaiting.ShouldBe(Awaiting.Candidate);
        return (id, view);
    }

    public static async Task<IScenarioResult> Answered(this IAlbaHost host, Caller caller, Guid id, string text, string? idempotencyKey = null, int status = 202) =>
        await host.As(caller, s =>
        {
            s.Post.Json(new { text, idempotencyKey }).ToUrl($"/api/v1/interviews/{id}/answers");
            s.StatusCodeShouldBe(status);
        });

    public static async Task<IScenarioResult> Posted(this IAlbaHost host, Caller caller, string url, int status) =>
        await host.As(caller, s =>
        {
            s.Post.Url(url);
            s.StatusCodeShouldBe(status);
        });

    public static async Task<JsonElement> ProblemOf(this IScenarioResult result)
    {
        result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/problem+json");
        return (await result.ReadAsJsonAsync<JsonElement>());
    }
}

public static class ReportScenarios
{
    /// <summary>Polls the report as the web app does until it is ready (200) or the status is <paramref name="until"/>.</summary>
    public static async Task<Alba.IScenarioResult> ReportWhen(this Alba.IAlbaHost host, Caller caller, Guid id, int status = 200, string? until = null, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var result = await host.As(caller, s => { s.Get.Url($"/api/v1/interviews/{id}/report"); s.IgnoreStatusCode(); });
            var code = result.Context.Response.StatusCode;
            if (code == status && (until is null || (await result.ReadAsJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetString() == until))
                return result;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"report of {id} did not reach {status} {until} (last {code})");
            await Task.Delay(100);
        }
    }

    /// <summary>An interview answered to the end (or only <paramref name="answerCount"/> questions) and finalized.</summary>
    public static async Task<Guid> FinalizedInterview(this Alba.IAlbaHost host, Caller caller, Func<Interview.Projections.Sessions.Turn, string> answer, int? answerCount = null, object? request = null)
    {
        var (id, _) = await host.StartedInterview(caller, request);
        await host.Answered(caller, id, "I am a backend engineer working on payments and data pipelines.");
        var view = await host.Interview(caller, id);
        var answered = 0;
        while (view.Awaiting == Awaiting.Candidate && (answerCount is null || answered < answerCount))
        {
            await host.Answered(caller, id, answer(view.Turns[^1]));
            if (view.Turns[^1].Kind == TurnKind.Question) answered++;
            view = await host.Interview(caller, id);
        }
        await host.Posted(caller, $"/api/v1/interviews/{id}/finalize", 202);
        return id;
    }
}
