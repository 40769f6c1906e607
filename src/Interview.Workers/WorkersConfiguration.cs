using Interview.Workers.Llm;
using Interview.Workers.Turns;
using Microsoft.Extensions.Configuration;
using JasperFx;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Interview.Workers;

public static class WorkersConfiguration
{
    public static IServiceCollection AddInterviewerTurns(this IServiceCollection services)
    {
        services.AddSingleton(sp => LlmSettings.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<LlmClient>();
        services.AddSingleton<LlmAsker>();
        services.AddSingleton<OfflineInterviewerEngine>();
        services.AddSingleton<IInterviewer>(sp => sp.GetRequiredService<LlmSettings>().Enabled
            ? ActivatorUtilities.CreateInstance<LlmInterviewer>(sp)
            : sp.GetRequiredService<OfflineInterviewerEngine>());
        services.AddSingleton<InterviewerTurnRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<InterviewerTurnRecovery>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Text to speech and transcription (Speech:*): the OpenAI-compatible APIs when configured, else flite and pocketsphinx.</summary>
    public static IServiceCollection AddSpeech(this IServiceCollection services)
    {
        services.AddSingleton(sp => Speech.SpeechSettings.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Speech.TextToSpeech>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Speech.Transcriber>(sp));
        return services;
    }

    public static WolverineOptions ConfigureInterviewerTurns(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(WorkersConfiguration).Assembly);
        // Two writers raced for the same stream version: retry, and the loser finds its turn request already answered.
        options.OnException<ConcurrencyException>().RetryWithCooldown(
            TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250));
        // Deadlocks and serialization failures are transient: PostgreSQL asks the loser to try again.
        options.OnException<PostgresException>(e => e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));
        options.OnException<NpgsqlException>(e => e.IsTransient)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        return options;
    }

    /// <summary>
    /// A node killed without shutting down leaves its stored messages (a requested report, a scheduled retry) and its
    /// agents owned by it; the surviving or restarted nodes take them over once its heartbeat has been stale for two
    /// health checks. Wolverine's defaults (a check every 10 s, stale after 1 min) let such a message wait 80 s or more;
    /// these settings (<c>Wolverine:HealthCheckSeconds</c>, <c>Wolverine:StaleNodeSeconds</c>) about 30 s.
    /// </summary>
    public static WolverineOptions RecoverDeadNodesQuickly(this WolverineOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection("Wolverine");
        options.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(section.GetValue("HealthCheckSeconds", 5.0));
        options.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(section.GetValue("StaleNodeSeconds", 20.0));
        return options;
    }
}
