using Interview.Api.Auth;
using Interview.Domain.Prep;
using Interview.Domain.Questions;
using Interview.Workers.Llm;

namespace Interview.Api.Hosting;

/// <summary>
/// Settings and seed data are checked when the host starts, not when it is built, so that JasperFx commands
/// (codegen, describe, db-apply, projections) run without them and without touching the database.
/// </summary>
public sealed class StartupChecks(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<AuthSettings>().EnsureValid();
        services.GetRequiredService<LlmSettings>().EnsureValid();
        services.GetRequiredService<QuestionBank>();
        services.GetRequiredService<CompanyCatalog>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
