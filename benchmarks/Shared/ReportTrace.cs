using Npgsql;

namespace Interview.Benchmarks.Shared;

/// <summary>
/// Where a missing report got to: the interview's events from finalize on, its report message in Wolverine's tables, its
/// Hangfire jobs, locks and queue, and the busy sessions. Linked into the crash soak and the load benchmark.
/// </summary>
public static class ReportTrace
{
    public static async Task<string> OfAsync(string database, Guid id)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var trace = new List<string> { $"  trace of {id}:" };
        async Task Rows(string label, string sql)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("id", id);
                command.Parameters.AddWithValue("text", id.ToString());
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    trace.Add($"    {label}: {string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i))))}");
            }
            catch (PostgresException e)
            {
                trace.Add($"    {label}: query failed: {e.MessageText}");
            }
        }
        await Rows("event", "select version, type, to_char(timestamp, 'HH24:MI:SS.MS') from interview.mt_events where stream_id = @id and version >= (select coalesce(max(version), 0) from interview.mt_events where stream_id = @id and type = 'interview_finalized') order by version");
        foreach (var table in new[] { "wolverine_incoming_envelopes", "wolverine_dead_letters", "wolverine_outgoing_envelopes" })
            await Rows(table, $"select to_jsonb(t) - 'body' from wolverine.{table} t where position(convert_to(@text, 'UTF8') in body) > 0");
        await Rows("hangfire job", "select j.id, j.statename, to_char(j.createdat, 'HH24:MI:SS'), (select string_agg(s.name || '@' || to_char(s.createdat, 'HH24:MI:SS'), ', ' order by s.id) from hangfire.state s where s.jobid = j.id), (select to_char(q.fetchedat, 'HH24:MI:SS') from hangfire.jobqueue q where q.jobid = j.id) from hangfire.job j where j.arguments::text like '%' || @text || '%' or j.invocationdata::text like '%' || @text || '%'");
        await Rows("hangfire server", "select id, to_char(lastheartbeat, 'HH24:MI:SS'), data from hangfire.server");
        await Rows("hangfire lock", "select resource, to_char(acquired, 'HH24:MI:SS') from hangfire.lock");
        await Rows("hangfire queue", "select jobid, queue, to_char(fetchedat, 'HH24:MI:SS') from hangfire.jobqueue order by id limit 20");
        await Rows("busy session", "select pid, state, wait_event_type || ':' || wait_event, to_char(now() - xact_start, 'MI:SS'), left(regexp_replace(query, '\\s+', ' ', 'g'), 160) from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()");
        return string.Join(Environment.NewLine, trace);
    }
}
