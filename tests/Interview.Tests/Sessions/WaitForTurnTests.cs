using System.Diagnostics;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Interview.Tests.Hosting;
using Marten;
using Shouldly;

namespace Interview.Tests.Sessions;

/// <summary>GET /interviews/{id}?waitForTurn=N waits on the LISTEN/NOTIFY fan-out, not on a polling loop.</summary>
public sealed class WaitForTurnTests(AppFixture fixture, ITestOutputHelper output) : ApiTest(fixture)
{
    [Fact]
    public async Task a_waiting_request_answers_as_soon_as_the_interviewers_turn_is_committed()
    {
        var candidate = await Host.SignedUp();
        var id = await InterviewOwingATurn(candidate);

        var waiting = Host.Interview(candidate, id, waitForTurn: 20);
        // Once, not a polling loop: give the request time to read the view and park on the notification.
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        waiting.IsCompleted.ShouldBeFalse("nothing has changed yet, so the request must still be waiting");

        var committed = await CommitClosingTurn(id);
        var view = await waiting;
        var answeredAfter = committed.Elapsed;

        output.WriteLine($"turn's SaveChanges started -> waiting GET answered: {answeredAfter.TotalMilliseconds:F1} ms");
        view.Awaiting.ShouldBe(Awaiting.Nothing);
        view.Turns[^1].Kind.ShouldBe(TurnKind.Closing);
        answeredAfter.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task a_wait_with_no_turn_returns_the_current_view_when_its_time_is_up()
    {
        var candidate = await Host.SignedUp();
        var id = await InterviewOwingATurn(candidate);
        var before = await Host.Interview(candidate, id, waitForTurn: 0);

        var clock = Stopwatch.StartNew();
        var view = await Host.Interview(candidate, id, waitForTurn: 1);

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        view.Awaiting.ShouldBe(Awaiting.Interviewer);
        view.Version.ShouldBe(before.Version);
        view.Turns.Count.ShouldBe(before.Turns.Count);
    }

    [Fact]
    public async Task a_change_that_leaves_the_turn_owed_keeps_the_request_waiting_and_it_sees_the_change()
    {
        var candidate = await Host.SignedUp();
        var id = await InterviewOwingATurn(candidate);

        var waiting = Host.Interview(candidate, id, waitForTurn: 3);
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/pause", 202);
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        waiting.IsCompleted.ShouldBeFalse("a pause leaves the interviewer owing its turn");

        var view = await waiting;
        view.Status.ShouldBe(InterviewStatus.Paused);
        view.Awaiting.ShouldBe(Awaiting.Interviewer);
    }

    /// <summary>A started interview whose answer is stored but whose turn nobody will write (as after a crash).</summary>
    private async Task<Guid> InterviewOwingATurn(Caller candidate)
    {
        var (id, _) = await Host.StartedInterview(candidate);
        await using var session = Fixture.Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<InterviewSession>(id);
        stream.AppendMany(InterviewDecider.SubmitAnswer(stream.Aggregate!, "An answer whose turn is never requested.", null, DateTimeOffset.UtcNow).Events);
        await session.SaveChangesAsync();
        return id;
    }

    private async Task<Stopwatch> CommitClosingTurn(Guid id)
    {
        await using var session = Fixture.Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<InterviewSession>(id);
        var turn = new InterviewerTurn(id, stream.Aggregate!.TurnRequest, null, null,
            [new InterviewerLine(LineKind.Closing, "Thank you, that is all for today.", "test closes the interview")], EngineKind.Offline);
        var decision = InterviewDecider.ApplyTurn(stream.Aggregate, turn, DateTimeOffset.UtcNow);
        decision.Events.ShouldNotBeEmpty();
        stream.AppendMany(decision.Events);
        var committing = Stopwatch.StartNew();
        await session.SaveChangesAsync();
        return committing;
    }
}
