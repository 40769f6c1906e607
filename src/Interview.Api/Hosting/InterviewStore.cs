using System.Text.RegularExpressions;
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
using Npgsql;
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
        options.Connection(WithoutPoolReset(connectionString));
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

    /// <summary>
    /// Marten's and Wolverine's pool skips Npgsql's reset of a returned connection (<c>CLOSE ALL</c>, <c>UNLISTEN *</c>,
    /// <c>pg_advisory_unlock_all()</c> and four more): a transaction of its own, for every one of the ~20 times an answer
    /// rents a connection, about half of all transactions. Nothing on this pool leaves session state behind: their
    /// statements are transactions or transaction-scoped locks, the session-level leadership locks (daemon, Wolverine,
    /// <see cref="Interview.Workers.Turns.NodeLiveness"/>) are released explicitly, and the locks that set a timeout use
    /// <see cref="AdvisoryLocks"/>' pool, which keeps the reset. <c>Connection Lifetime</c> bounds anything a
    /// failure might leave behind anyway: a connection older than that is closed instead of returned.
    /// </summary>
    public static string WithoutPoolReset(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (!Regex.IsMatch(connectionString, @"connection\s*lifetime", RegexOptions.IgnoreCase)) builder.ConnectionLifetime = 300;
        return builder.ConnectionString;
    }
}
