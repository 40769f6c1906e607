using Hangfire;
using Interview.Workers;
using System.IO.Compression;
using Interview.Domain.Common;

namespace Interview.Api.Privacy;

/// <summary>Export and erasure of everything held about a person, by going through every registered <see cref="IPersonalDataSource"/>.</summary>
public sealed class PersonalData(IEnumerable<IPersonalDataSource> sources)
{
    /// <summary>Writes the archive into <paramref name="output"/> (which must stay open): a manifest and each source's files.</summary>
    public async Task ExportAsync(Guid userId, Stream output, DateTimeOffset now, CancellationToken ct)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var source in sources) await source.ExportAsync(userId, zip, ct);
        await zip.WriteJsonAsync("manifest.json", new
        {
            userId,
            exportedAt = now,
            format = "Events are JSON lines (type, stream, version, sequence, timestamp, data), one file per area; read models are JSON documents."
        }, ct);
    }

    public async Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct)
    {
        foreach (var source in sources) await source.EraseAsync(userId, reason, ct);
    }
}

public static class PrivacyConfiguration
{
    /// <summary>The data sources in erasure order: the person's streams first, the stored messages that name them last.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<IPersonalDataSource, AccountData>();
        services.AddSingleton<InterviewData>();
        services.AddSingleton<IPersonalDataSource>(sp => sp.GetRequiredService<InterviewData>());
        services.AddSingleton<IPersonalDataSource, CoachingData>();
        services.AddSingleton<IPersonalDataSource, PrepData>();
        services.AddSingleton<IPersonalDataSource, VoiceRecordingData>();
        services.AddSingleton<IPersonalDataSource, IdempotencyData>();
        services.AddSingleton<IPersonalDataSource, MessageStorageData>();
        services.AddSingleton<PersonalData>();
        services.AddSingleton(sp => RetentionSettings.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IRetentionRule, AbandonedInterviewRetention>();
        services.AddSingleton<IRetentionRule, LateEventsOnErasedStreams>();
        services.AddSingleton<IRetentionRule, AudioRetention>();
        services.AddTransient<RetentionJob>();
        services.AddRecurringJob(jobs => jobs.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, job => job.Run(CancellationToken.None), Cron.Daily(4)));
        return services;
    }
}
