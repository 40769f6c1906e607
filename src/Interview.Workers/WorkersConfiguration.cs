using Interview.Workers.Turns;
using JasperFx;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Interview.Workers;

public static class WorkersConfiguration
{
    public static IServiceCollection AddInterviewerTurns(this IServiceCollection services)
    {
        services.AddSingleton<IInterviewer, OfflineInterviewerEngine>();
        services.AddSingleton<InterviewerTurnRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<InterviewerTurnRecovery>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    public static WolverineOptions ConfigureInterviewerTurns(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(WorkersConfiguration).Assembly);
        // Two writers raced for the same stream version: retry, and the loser finds its turn request already answered.
        options.OnException<ConcurrencyException>().RetryWithCooldown(
            TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250));
        return options;
    }
}
