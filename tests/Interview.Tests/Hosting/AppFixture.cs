using Alba;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Npgsql;
using Interview.Api.Questions;
using Interview.Domain.Questions;
using Interview.Domain.Reports;
using Interview.Workers.Reports;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Interview.Tests.Hosting;

/// <summary>One API host per test run, on the real PostgreSQL named by INTERVIEW_DB (test.sh starts one).</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@interview.test";

    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        Environment.SetEnvironmentVariable("Auth__BootstrapAdminEmail", AdminEmail);
        Environment.SetEnvironmentVariable("Auth__ExposeVerificationToken", "true");
        Environment.SetEnvironmentVariable("Reports__RetryDelaysSeconds__0", "1");
        Environment.SetEnvironmentVariable("Reports__RetryDelaysSeconds__1", "1");
        Environment.SetEnvironmentVariable("Reports__EnqueueRetryDelaysSeconds__0", "0.2");
        Environment.SetEnvironmentVariable("Reports__EnqueueRetryDelaysSeconds__1", "0.2");
        Environment.SetEnvironmentVariable("Webhooks__RetryDelaysSeconds__0", "0.2");
        Environment.SetEnvironmentVariable("Webhooks__RetryDelaysSeconds__1", "0.2");
        Environment.SetEnvironmentVariable("Interview__DataDirectory", Path.Combine(Path.GetTempPath(), "interview-tests-data"));
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(TestSettings.RaisedRateLimits)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true" })
                .AddInMemoryCollection(TestSettings.SpeechLimits));
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<FlakyScorer>();
                services.AddSingleton<IReportScorer>(sp => sp.GetRequiredService<FlakyScorer>());
                var hangfireClient = services.Last(service => service.ServiceType == typeof(IBackgroundJobClient));
                services.AddSingleton(sp => new FlakyJobClient((IBackgroundJobClient)hangfireClient.ImplementationFactory!(sp)));
                services.AddSingleton<IBackgroundJobClient>(sp => sp.GetRequiredService<FlakyJobClient>());
                if (Environment.GetEnvironmentVariable("INTERVIEW_TEST_LOG") is { Length: > 0 } log)
                    services.AddLogging(logging => logging.AddProvider(new FileLoggerProvider(log)));
            });
        });
        Host.Server.PreserveExecutionContext = true;
    }

    /// <summary>The host's TimeProvider: the system time unless a test shifts it for itself.</summary>
    public ShiftableClock Clock { get; } = new();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Every test starts from an empty event store holding only the question bank.</summary>
    public async Task ResetAsync()
    {
        await BackgroundWork.WaitUntilIdleAsync(Store, TimeSpan.FromSeconds(15));
        await Host.ResetAllMartenDataAsync();
        await QuestionBankSeeder.SeedAsync(Store, Host.Services.GetRequiredService<QuestionBank>(), CancellationToken.None);
        Scorer.FailNext = 0;
        Jobs.FailNext = 0;
    }

    public FlakyScorer Scorer => Host.Services.GetRequiredService<FlakyScorer>();

    public FlakyJobClient Jobs => Host.Services.GetRequiredService<FlakyJobClient>();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<AppFixture>, ICollectionFixture<LlmAppFixture>
{
    public const string Name = "api";
}

[Collection(ApiCollection.Name)]
public abstract class ApiTest(AppFixture fixture) : IAsyncLifetime
{
    protected AppFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;

    public virtual async ValueTask InitializeAsync() => await Fixture.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The offline scorer, made to fail the next N calls: a test's way to exercise report retries.</summary>
public sealed class FlakyScorer : IReportScorer
{
    private readonly OfflineReportScorer inner = new();
    private int failNext;

    public int FailNext { get => failNext; set => failNext = value; }

    public Task<ScoredAnswers> ScoreAsync(Guid interviewId, IReadOnlyList<AnswerToScore> answers, CancellationToken cancellation) =>
        Interlocked.Decrement(ref failNext) >= 0
            ? throw new InvalidOperationException("scorer unavailable (test fault)")
            : inner.ScoreAsync(interviewId, answers, cancellation);
}

/// <summary>Hangfire's client, made to fail the next N enqueues as it does when its storage refuses connections.</summary>
public sealed class FlakyJobClient(IBackgroundJobClient inner) : IBackgroundJobClient
{
    private int failNext;

    public int FailNext { get => failNext; set => failNext = value; }

    public string Create(Job job, IState state) =>
        Interlocked.Decrement(ref failNext) >= 0
            ? throw new BackgroundJobClientException("Background job creation failed (test fault).",
                new NpgsqlException("53300: sorry, too many clients already (test fault)"))
            : inner.Create(job, state);

    public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
}
