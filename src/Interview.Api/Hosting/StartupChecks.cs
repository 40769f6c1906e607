using Interview.Api.Auth;
using Interview.Domain.Prep;
using Interview.Domain.Questions;
using Interview.Workers.Llm;
using Marten;

namespace Interview.Api.Hosting;

/// <summary>
/// Settings, seed data and the database schema are checked when the host starts, not when it is built, so that
/// JasperFx commands (codegen, describe, db-apply, projections) run without them and without touching the database.
/// They run in the starting phase, before any hosted service starts.
/// </summary>
public sealed class StartupChecks(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<AuthSettings>().EnsureValid();
        services.GetRequiredService<LlmSettings>().EnsureValid();
        services.GetRequiredService<Interview.Workers.Speech.SpeechSettings>().EnsureValid();
        services.GetRequiredService<QuestionBank>();
        services.GetRequiredService<CompanyCatalog>();
        if (!DatabaseSchema.AppliedOnStartup(configuration, environment))
            await DatabaseSchema.EnsureTablesExistAsync(services.GetRequiredService<IDocumentStore>(), cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
