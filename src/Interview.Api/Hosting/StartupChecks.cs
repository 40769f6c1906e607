using Interview.Api.Auth;
using Interview.Domain.Prep;
using Interview.Domain.Questions;
using Interview.Workers.Llm;
using Marten;

namespace Interview.Api.Hosting;

/// <summary>
/// Settings, seed data and the database schema are checked when the host starts, not when it is built, so that
/// JasperFx commands (codegen, describe, db-apply, projections) run without them and without touching the database.
/// </summary>
public sealed class StartupChecks(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<AuthSettings>().EnsureValid();
        services.GetRequiredService<LlmSettings>().EnsureValid();
        services.GetRequiredService<Interview.Workers.Speech.SpeechSettings>().EnsureValid();
        services.GetRequiredService<QuestionBank>();
        services.GetRequiredService<CompanyCatalog>();
        if (!DatabaseSchema.AppliedOnStartup(configuration, environment))
            await DatabaseSchema.EnsureTablesExistAsync(services.GetRequiredService<IDocumentStore>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
