using System.IO.Compression;
using Interview.Domain.Common;
using Interview.Workers.Reports;
using Marten;
using Npgsql;

namespace Interview.Api.Privacy;

/// <summary>
/// Wolverine's envelopes (incoming, outgoing, dead letters; kept a while after handling) and Hangfire's jobs hold
/// serialized messages and job arguments: a prep request carries the company typed, a report job the interview id.
/// Erasure deletes every stored message and job that names the person or one of their streams. Nothing here is exported:
/// it is in-flight work, not data about the person.
/// </summary>
public sealed class MessageStorageData(IDocumentStore store, IConfiguration configuration, ILogger<MessageStorageData> logger) : IPersonalDataSource
{
    public const string WolverineSchema = "wolverine";

    public Task ExportAsync(Guid userId, ZipArchive zip, CancellationToken ct) => Task.CompletedTask;

    public async Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct)
    {
        IReadOnlyList<Guid> ids;
        await using (var session = store.QuerySession()) ids = await UserStreams.AllIdsAsync(session, userId, ct);
        var patterns = ids.Select(id => $"%{id}%").ToArray();

        await using var connection = new NpgsqlConnection(Hosting.DataDirectory.ConnectionString(configuration));
        await connection.OpenAsync(ct);
        var deleted = 0;
        foreach (var table in await TablesWithColumnAsync(connection, WolverineSchema, "body", ct))
            deleted += await ExecuteAsync(connection,
                $"delete from {WolverineSchema}.{table} where encode(body, 'escape') ilike any(@patterns)", patterns, ct);

        var jobs = $"select id from {HangfireSchema.Name}.job where invocationdata::text ilike any(@patterns) or arguments::text ilike any(@patterns)";
        foreach (var dependent in new[] { "state", "jobparameter", "jobqueue" })
            await ExecuteAsync(connection, $"delete from {HangfireSchema.Name}.{dependent} where jobid in ({jobs})", patterns, ct);
        deleted += await ExecuteAsync(connection, $"delete from {HangfireSchema.Name}.job where id in ({jobs})", patterns, ct);
        if (deleted > 0) logger.LogInformation("Erasure of user {UserId} deleted {Count} stored messages and jobs", userId, deleted);
    }

    private static async Task<IReadOnlyList<string>> TablesWithColumnAsync(NpgsqlConnection connection, string schema, string column, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select table_name from information_schema.columns where table_schema = @schema and column_name = @column and data_type = 'bytea'", connection);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("column", column);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, string[] patterns, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("patterns", patterns);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
