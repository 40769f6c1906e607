using Interview.Api.Idempotency;
using Interview.Api.Live;
using Interview.Api.Privacy;
using Interview.Api.Webhooks;
using Interview.Projections;
using Interview.Projections.Accounts;
using Interview.Projections.Analytics;
using Interview.Projections.Prep;
using Interview.Projections.Sessions;
using Interview.Workers.Speech;
using JasperFx;
using Marten;
using Weasel.Core;

namespace Interview.Api.Hosting;

public static class InterviewStore
{
    /// <summary>
    /// The event store as every API process opens it. Each commit also notifies the live streams of every process on the
    /// database (<see cref="StreamChangeNotifier"/>), so a store opened with these options never leaves a stream silent.
    /// </summary>
    public static StoreOptions Options(string connectionString)
    {
        var options = new StoreOptions();
        options.Connection(connectionString);
        options.DatabaseSchemaName = "interview";
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.Events.UseAdvisoryLockTransaction = true;
        // A node that is not the async daemon's leader tries for the leadership every second, so that the projections
        // move again soon after the leader dies (its lock ends with its sessions: DataDirectory.DeadClientCheckMilliseconds).
        options.Projections.LeadershipPollingTime = 1000;
        options.ConfigureAccounts().ConfigureSessions().ConfigureReadModels().ConfigurePrep().ConfigureIdempotency()
            .ConfigurePersonalDataMasking().ConfigureWebhooks().ConfigureVoiceRecordings().TuneProjectionRebuilds();
        options.Listeners.Add(new StreamChangeNotifier());
        return options;
    }
}
