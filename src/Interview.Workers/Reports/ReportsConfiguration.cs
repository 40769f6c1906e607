using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;

namespace Interview.Workers.Reports;

public sealed record ReportSettings(int MaxAttempts, int[] RetryDelaysSeconds, TimeSpan PollInterval, TimeSpan[] EnqueueRetryDelays, TimeSpan InvisibilityTimeout, TimeSpan LockTimeout, int WorkerCount)
{
    /// <summary>
    /// Report jobs mostly wait (on PostgreSQL, and with a model on the LLM), so a node runs several per core: with two, 200
    /// interviews finalized together waited 4.7-5.2 s for their reports (p50) on this 2-core machine, with eight 1.2 s.
    /// </summary>
    public const int DefaultWorkerCount = 8;

    public static ReportSettings Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("Reports");
        var delays = section.GetSection("RetryDelaysSeconds").Get<int[]>() ?? [2, 10, 30];
        var enqueueDelays = section.GetSection("EnqueueRetryDelaysSeconds").Get<double[]>() ?? [1, 5, 15, 30];
        return new ReportSettings(delays.Length + 1, delays, TimeSpan.FromMilliseconds(section.GetValue("PollIntervalMs", 1000)),
            enqueueDelays.Select(TimeSpan.FromSeconds).ToArray(), TimeSpan.FromSeconds(section.GetValue("InvisibilityTimeoutSeconds", 30)),
            TimeSpan.FromSeconds(section.GetValue("LockTimeoutSeconds", 30)), Math.Max(1, section.GetValue("WorkerCount", DefaultWorkerCount)));
    }
}

public static class ReportsConfiguration
{
    /// <summary>Report messages: a failed enqueue of the Hangfire job is retried, then recorded as a failed report.</summary>
    public static WolverineOptions ConfigureReports(this WolverineOptions options, IConfiguration configuration)
    {
        options.Policies.Add(new ReportEnqueueRetries(ReportSettings.Load(configuration)));
        return options;
    }

    /// <summary>Hangfire on PostgreSQL (schema "hangfire", short poll interval) running the report jobs with retries and backoff.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration, Func<IConfiguration, string> connectionString)
    {
        var settings = ReportSettings.Load(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<OfflineReportScorer>();
        services.AddSingleton<IReportScorer>(sp => sp.GetRequiredService<Llm.LlmSettings>().Enabled
            ? ActivatorUtilities.CreateInstance<LlmReportScorer>(sp)
            : sp.GetRequiredService<OfflineReportScorer>());
        services.AddTransient<ReportJob>();
        services.AddTransient<Housekeeping>();

        GlobalJobFilters.Filters.Remove(GlobalJobFilters.Filters.Select(f => f.Instance).OfType<AutomaticRetryAttribute>().FirstOrDefault() ?? new object());
        GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute
        {
            Attempts = settings.RetryDelaysSeconds.Length,
            DelaysInSeconds = settings.RetryDelaysSeconds,
            OnAttemptsExceeded = AttemptsExceededAction.Fail
        });

        services.AddHangfire((provider, hangfire) => hangfire
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(options => options.UseNpgsqlConnection(connectionString(provider.GetRequiredService<IConfiguration>())), new PostgreSqlStorageOptions
            {
                SchemaName = HangfireSchema.Name,
                // No long polling: with it, each fetch LISTENs on a connection of its own, and a worker that has fetched a
                // job then waits for that listener to stop, without a timeout; under load it once waited for over a minute
                // while the job's fetch was kept alive (dotnet-stack: Worker.Execute -> PostgreSqlJobQueue.Dequeue ->
                // Task.Wait), so the report never came. A commit that enqueues a job wakes this process's workers at
                // once anyway (Hangfire.PostgreSql signals them in-process), and every node enqueues its own report
                // jobs; the poll picks up the rest.
                EnableLongPolling = false,
                QueuePollInterval = settings.PollInterval,
                PrepareSchemaIfNecessary = false,
                // A job whose server died is fetched again after this long; the sliding timeout keeps a live job's
                // fetch renewed, so only an abandoned job waits (the 30 min default left reports queued after a crash).
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = settings.InvisibilityTimeout,
                // Hangfire's distributed locks are rows; a killed server's stay behind until they expire, and every
                // worker that needs one (a job's state change) sleeps until then: 10 min by default, 30 s here.
                DistributedLockTimeout = settings.LockTimeout
            }));
        services.AddHostedService(provider => new HangfireSchema(connectionString(provider.GetRequiredService<IConfiguration>())));
        services.AddRecurringJob(jobs => jobs.AddOrUpdate<Housekeeping>(Housekeeping.RecurringJobId, job => job.AbandonIdleInterviews(CancellationToken.None), Cron.Daily(3)));
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = settings.WorkerCount;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.ServerCheckInterval = TimeSpan.FromSeconds(30);
        });
        return services;
    }
}

/// <summary>
/// Creates or migrates Hangfire's schema when the host starts, before its server runs; building the host (as JasperFx
/// commands do) leaves the database alone.
/// </summary>
public sealed class HangfireSchema(string connectionString) : IHostedService
{
    public const string Name = "hangfire";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The Hangfire dashboard is for admins only (401 without a token, 403 for other roles).</summary>
public sealed class AdminOnlyDashboard : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.HasClaim("role", "admin");
}
