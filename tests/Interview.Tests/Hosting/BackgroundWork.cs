using Marten;
using Npgsql;

namespace Interview.Tests.Hosting;

/// <summary>
/// The work a test leaves running after its last request: interviewer turns in Wolverine's durable queues and report
/// jobs in Hangfire. A data reset that overlaps it deadlocks with it (PostgreSQL 40P01) or lets it write into the next
/// test, so a reset first waits, up to a limit, until no message or job is in flight. Both live in the database
/// (durable local queues, Hangfire storage), which is the only place that sees all of them.
/// </summary>
public static class BackgroundWork
{
    private const string InFlight = """
        select (select count(*) from wolverine.wolverine_incoming_envelopes where status = 'Incoming')
             + (select count(*) from wolverine.wolverine_outgoing_envelopes)
             + (select count(*) from hangfire.job where statename in ('Enqueued', 'Processing'))
        """;

    public static async Task WaitUntilIdleAsync(IDocumentStore store, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        var idleChecks = 0;
        while (idleChecks < 2 && DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand(InFlight, connection);
            idleChecks = Convert.ToInt64(await command.ExecuteScalarAsync()) == 0 ? idleChecks + 1 : 0;
            if (idleChecks < 2) await Task.Delay(50);
        }
    }
}
