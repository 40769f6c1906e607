using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Interview.Workers;

/// <summary>One Hangfire recurring job, registered (or updated in place) once the host has started.</summary>
public sealed record RecurringJobRegistration(Action<IRecurringJobManager> Register);

/// <summary>
/// Registers every <see cref="RecurringJobRegistration"/> after all hosted services have started, so that Hangfire's
/// schema is installed before a registration takes its distributed lock, and JasperFx commands, which never start the
/// host, register nothing.
/// </summary>
public sealed class RecurringJobSchedule(IRecurringJobManager jobs, IEnumerable<RecurringJobRegistration> registrations) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in registrations) registration.Register(jobs);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class RecurringJobsConfiguration
{
    /// <summary>AddHostedService adds the one schedule only once (TryAddEnumerable), however many jobs register.</summary>
    public static IServiceCollection AddRecurringJob(this IServiceCollection services, Action<IRecurringJobManager> register) =>
        services.AddHostedService<RecurringJobSchedule>().AddSingleton(new RecurringJobRegistration(register));
}
