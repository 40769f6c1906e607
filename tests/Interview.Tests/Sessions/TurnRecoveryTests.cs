using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Interview.Tests.Hosting;
using Interview.Workers.Turns;
using Marten;
using Npgsql;
using System.Diagnostics;
using Interview.Workers.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine.Runtime;
using Wolverine.Runtime.Routing;
using Shouldly;

namespace Interview.Tests.Sessions;

public sealed class TurnRecoveryTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task an_answer_stored_before_a_crash_gets_its_turn_after_restart()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);

        // The crash: the answer is stored, but the process died before the interviewer's turn was requested.
        await AnswerStoredWithoutTurnRequest(id);
        (await Host.Interview(candidate, id, waitForTurn: 0)).Awaiting.ShouldBe(Awaiting.Interviewer);

        var recovered = await Host.Services.GetRequiredService<InterviewerTurnRecovery>().RecoverAsync(CancellationToken.None);

        recovered.ShouldBe(1);
        var view = await Host.Interview(candidate, id);
        view.Awaiting.ShouldBe(Awaiting.Candidate);
        view.Turns[^2].Text.ShouldBe("Answer stored just before the crash.");
        view.Turns[^1].Kind.ShouldBe(TurnKind.Question);
    }

    [Fact]
    public async Task a_duplicated_turn_request_produces_the_turn_once()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await Host.Answered(candidate, id, "My warm-up answer.");
        var view = await Host.Interview(candidate, id);

        await Host.Services.GetRequiredService<InterviewerTurnRecovery>().RecoverAsync(CancellationToken.None);
        await using var session = Fixture.Store.QuerySession();
        var state = await session.Events.AggregateStreamAsync<InterviewSession>(id);
        using var scope = Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().InvokeAsync(new InterviewerTurnDue(id, state!.TurnRequest));

        (await Host.Interview(candidate, id, waitForTurn: 0)).Turns.Count.ShouldBe(view.Turns.Count);
    }

    [Fact]
    public void turn_and_report_requests_travel_through_durable_local_queues()
    {
        var runtime = Host.Services.GetRequiredService<IWolverineRuntime>();
        foreach (var type in new[] { typeof(InterviewerTurnDue), typeof(InterviewerTurn), typeof(GenerateReport) })
        {
            var routes = runtime.RoutingFor(type).Routes;
            routes.ShouldNotBeEmpty();
            routes.ShouldAllBe(route => route is MessageRoute && ((MessageRoute)route).Sender.IsDurable, $"{type.Name} is not durable");
        }
    }

    [Fact]
    public async Task the_start_up_sweep_waits_until_the_host_and_wolverine_have_started()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        await AnswerStoredWithoutTurnRequest(id);
        var lifetime = new StartingLifetime();
        var recovery = ActivatorUtilities.CreateInstance<InterviewerTurnRecovery>(Host.Services, lifetime);

        await recovery.StartAsync(CancellationToken.None);
        try
        {
            recovery.ExecuteTask.ShouldNotBeNull().IsCompleted.ShouldBeFalse();
            (await Host.Interview(candidate, id, waitForTurn: 0)).Awaiting.ShouldBe(Awaiting.Interviewer);

            lifetime.Start();

            var view = await Host.Interview(candidate, id);
            view.Awaiting.ShouldBe(Awaiting.Candidate);
            view.Turns[^1].Kind.ShouldBe(TurnKind.Question);
        }
        finally
        {
            await recovery.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task a_turn_owed_when_another_api_process_dies_is_asked_for_again_within_seconds()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        // Its own session, not a pooled one: a process's death ends its sessions, while a disposed pooled connection lives on.
        await using var pooled = Fixture.Store.Storage.Database.CreateConnection();
        var otherProcess = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pooled.ConnectionString) { Pooling = false }.ConnectionString);
        await otherProcess.OpenAsync();
        await using (var holdLiveness = new NpgsqlCommand("select pg_advisory_lock($1, 424242)", otherProcess) { Parameters = { new() { Value = NodeLiveness.LockSpace } } })
            await holdLiveness.ExecuteNonQueryAsync();
        await Task.Delay(InterviewerTurnRecovery.LivenessInterval * 3);
        await AnswerStoredWithoutTurnRequest(id);
        (await Host.Interview(candidate, id, waitForTurn: 0)).Awaiting.ShouldBe(Awaiting.Interviewer);

        await otherProcess.DisposeAsync();
        var died = Stopwatch.StartNew();
        var view = await Host.Interview(candidate, id, waitForTurn: 8);

        view.Awaiting.ShouldBe(Awaiting.Candidate, "the overdue sweep alone would take 10 to 25 s");
        view.Turns[^1].Kind.ShouldBe(TurnKind.Question);
        died.Elapsed.ShouldBeLessThan(InterviewerTurnRecovery.OverdueAfter);
    }

    private async Task AnswerStoredWithoutTurnRequest(Guid id)
    {
        await using var session = Fixture.Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<InterviewSession>(id);
        stream.AppendMany(InterviewDecider.SubmitAnswer(stream.Aggregate!, "Answer stored just before the crash.", null, DateTimeOffset.UtcNow).Events);
        await session.SaveChangesAsync();
    }

    private sealed class StartingLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource started = new();

        public CancellationToken ApplicationStarted => started.Token;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void Start() => started.Cancel();
        public void StopApplication() { }
    }
}
