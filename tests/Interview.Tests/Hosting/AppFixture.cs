using Alba;
using Interview.Api.Questions;
using Interview.Domain.Questions;
using JasperFx.CommandLine;
using Marten;
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
        Environment.SetEnvironmentVariable("Interview__DataDirectory", Path.Combine(Path.GetTempPath(), "interview-tests-data"));
        Host = await AlbaHost.For<Program>(builder =>
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                if (Environment.GetEnvironmentVariable("INTERVIEW_TEST_LOG") is { Length: > 0 } log)
                    services.AddLogging(logging => logging.AddProvider(new FileLoggerProvider(log)));
            }));
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Every test starts from an empty event store holding only the question bank.</summary>
    public async Task ResetAsync()
    {
        await Host.ResetAllMartenDataAsync();
        await QuestionBankSeeder.SeedAsync(Store, Host.Services.GetRequiredService<QuestionBank>(), CancellationToken.None);
    }
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
