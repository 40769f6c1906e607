using Alba;
using Interview.Api.Questions;
using Interview.Domain.Questions;
using Interview.Workers.Llm;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Interview.Tests.Hosting;

/// <summary>
/// A second API host configured with Llm:Provider=openai against <see cref="FakeLlmServer"/>, on a database of its own
/// so that its messages and data never mix with the offline host's.
/// </summary>
public sealed class LlmAppFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    public FakeLlmServer Llm { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Llm = await FakeLlmServer.StartAsync();
        var connection = await EnsureDatabaseAsync("interview_llm");
        Environment.SetEnvironmentVariable("Auth__BootstrapAdminEmail", AppFixture.AdminEmail);
        Environment.SetEnvironmentVariable("Auth__ExposeVerificationToken", "true");
        Environment.SetEnvironmentVariable("Reports__RetryDelaysSeconds__0", "1");
        Environment.SetEnvironmentVariable("Reports__RetryDelaysSeconds__1", "1");
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Interview"] = connection,
                ["Llm:Provider"] = "openai",
                ["Llm:Endpoint"] = Llm.BaseUrl + "/v1",
                ["Llm:ApiKey"] = "test-key",
                ["Llm:Model"] = "fake-model",
                ["Llm:TimeoutSeconds"] = "1",
                ["Llm:MaxRetries"] = "2",
                ["Llm:RetryBaseDelayMs"] = "10",
                ["Llm:BreakerFailureThreshold"] = "3",
                ["Llm:BreakerOpenSeconds"] = "60",
                ["Speech:Provider"] = "openai",
                ["Speech:Endpoint"] = Llm.BaseUrl + "/v1",
                ["Speech:ApiKey"] = "test-key",
                ["Speech:SpeechModel"] = "fake-tts",
                ["Speech:TranscriptionModel"] = "fake-whisper"
            }.Concat(TestSettings.RaisedRateLimits)));
            builder.ConfigureServices(services => services.RunWolverineInSoloMode());
        });
    }

    public static async Task<string> EnsureDatabaseAsync(string name)
    {
        var baseConnection = Environment.GetEnvironmentVariable("INTERVIEW_DB") ?? "Host=127.0.0.1;Port=5433;Database=interview;Username=postgres";
        var builder = new NpgsqlConnectionStringBuilder(baseConnection) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand($"select 1 from pg_database where datname = '{name}'", connection);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(baseConnection) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Llm.DisposeAsync();
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public LlmClient Client => Host.Services.GetRequiredService<LlmClient>();

    public async Task ResetAsync()
    {
        await BackgroundWork.WaitUntilIdleAsync(Store, TimeSpan.FromSeconds(15));
        await Host.ResetAllMartenDataAsync();
        await QuestionBankSeeder.SeedAsync(Store, Host.Services.GetRequiredService<QuestionBank>(), CancellationToken.None);
        await Client.Breaker.CloseAsync();
        Llm.Reset();
    }
}

[Collection(ApiCollection.Name)]
public abstract class LlmTest(LlmAppFixture fixture) : IAsyncLifetime
{
    protected LlmAppFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;
    protected FakeLlmServer Llm => Fixture.Llm;

    public virtual async ValueTask InitializeAsync() => await Fixture.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
