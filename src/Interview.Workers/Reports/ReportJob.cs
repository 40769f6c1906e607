using System.ComponentModel;
using Hangfire;
using Hangfire.Server;
using Interview.Domain.Questions;
using Interview.Domain.Reports;
using Interview.Domain.Sessions;
using JasperFx;
using Marten;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace Interview.Workers.Reports;

/// <summary>
/// The Hangfire job that generates report version <c>version</c> of an interview. Hangfire runs a job at least once, so
/// the job is idempotent: a version already generated (or no longer wanted) appends nothing, and two concurrent runs
/// race on the stream version so exactly one report is appended.
/// </summary>
public sealed class ReportJob(IDocumentStore store, QuestionBank bank, IReportScorer scorer, ReportSettings settings, TimeProvider clock, ILogger<ReportJob> logger)
{
    [DisplayName("Report v{1} for interview {0}")]
    public async Task Generate(Guid interviewId, int version, PerformContext? context, CancellationToken cancellation)
    {
        var attempt = (context?.GetJobParameter<int>("RetryCount") ?? 0) + 1;
        try
        {
            await GenerateOnce(interviewId, version, attempt, cancellation);
        }
        catch (ConcurrencyException)
        {
            if (!await StillWanted(interviewId, version, cancellation)) return;
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Report v{Version} for {InterviewId} failed on attempt {Attempt}", version, interviewId, attempt);
            await RecordFailure(interviewId, version, attempt, e.Message, cancellation);
            throw;
        }
    }

    private async Task GenerateOnce(Guid interviewId, int version, int attempt, CancellationToken cancellation)
    {
        await using (var start = store.LightweightSession())
        {
            var stream = await start.Events.FetchForWriting<InterviewSession>(interviewId, cancellation);
            if (stream.Aggregate is not { } state || !ReportDecider.IsWanted(state, version)) return;
            stream.AppendOne(new ReportGenerationStarted(interviewId, version, attempt, clock.GetUtcNow()));
            await start.SaveChangesAsync(cancellation);
        }

        await using var session = store.LightweightSession();
        var current = await session.Events.FetchForWriting<InterviewSession>(interviewId, cancellation);
        var interview = current.Aggregate!;
        var scored = await scorer.ScoreAsync(interviewId, ReportDecider.AnswersToScore(interview, bank), cancellation);
        var now = clock.GetUtcNow();
        var report = ReportComposer.Compose(version, scored.Answers, scored.ScoredBy, interview.Closed is false,
            interview.Config.QuestionCount, now);
        var decision = ReportDecider.Accept(interview, report, now);
        current.AppendMany(scored.Calls.Cast<object>().Concat(decision.Events).ToArray());
        await session.SaveChangesAsync(cancellation);
    }

    private async Task<bool> StillWanted(Guid interviewId, int version, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var state = await session.LoadAsync<InterviewSession>(interviewId, cancellation);
        return state is not null && ReportDecider.IsWanted(state, version);
    }

    private async Task RecordFailure(Guid interviewId, int version, int attempt, string error, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<InterviewSession>(interviewId, cancellation);
        if (stream.Aggregate is not { } state || !ReportDecider.IsWanted(state, version)) return;
        var now = clock.GetUtcNow();
        stream.AppendOne(attempt >= settings.MaxAttempts
            ? new ReportFailed(interviewId, version, attempt, error, now)
            : new ReportAttemptFailed(interviewId, version, attempt, error, now));
        await session.SaveChangesAsync(cancellation);
    }
}

/// <summary>Asks Hangfire for a report job; sent through Wolverine's Marten outbox so a crash after finalize loses nothing.</summary>
public sealed record GenerateReport(Guid InterviewId, int ReportVersion);

public static class GenerateReportHandler
{
    public static void Handle(GenerateReport message, IBackgroundJobClient jobs) =>
        jobs.Enqueue<ReportJob>(job => job.Generate(message.InterviewId, message.ReportVersion, null, CancellationToken.None));
}

/// <summary>
/// When Hangfire's storage cannot be reached (PostgreSQL down, "too many clients"), enqueuing the report job is retried
/// with backoff (<c>Reports:EnqueueRetryDelaysSeconds</c>); when the retries run out the report is recorded as failed,
/// so the candidate sees it and may retry, and the message goes to Wolverine's dead-letter table for the operators.
/// </summary>
public sealed class ReportEnqueueRetries(ReportSettings settings) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(chain => chain.MessageType == typeof(GenerateReport)))
            chain.OnException<NpgsqlException>().Or<BackgroundJobClientException>().Or<TimeoutException>()
                .RetryWithCooldown(settings.EnqueueRetryDelays)
                .Then.CustomAction(RecordFailureAsync, "Record the report as failed");
    }

    private static async ValueTask RecordFailureAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception exception)
    {
        if (lifecycle.Envelope?.Message is GenerateReport message)
        {
            var store = runtime.Services.GetRequiredService<IDocumentStore>();
            var clock = runtime.Services.GetRequiredService<TimeProvider>();
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<InterviewSession>(message.InterviewId);
            if (stream.Aggregate is { } state && ReportDecider.IsWanted(state, message.ReportVersion))
            {
                stream.AppendOne(new ReportFailed(message.InterviewId, message.ReportVersion, lifecycle.Envelope.Attempts,
                    $"The report job could not be queued: {exception.Message}", clock.GetUtcNow()));
                await session.SaveChangesAsync();
            }
        }
        await lifecycle.MoveToDeadLetterQueueAsync(exception);
    }
}
