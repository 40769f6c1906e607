using Marten;

namespace Interview.Api.Hosting;

/// <summary>
/// Who applies schema changes. In Development (or with <c>Database:ApplyChangesOnStartup=true</c>) Marten and
/// Wolverine compare their tables with the configuration and patch them at every start. Elsewhere the deployment
/// applies them once with <c>db-apply</c> (run.sh, the benchmarks and compose's <c>migrate</c> service do, and an upgrade
/// must), and a start only checks in one query that the event store exists (Wolverine checks its own tables), instead
/// of comparing every table, function and index.
/// </summary>
public static class DatabaseSchema
{
    public const string ApplyCommand = "dotnet Interview.Api.dll db-apply";

    public static bool AppliedOnStartup(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Database:ApplyChangesOnStartup", environment.IsDevelopment());

    /// <summary>Which of these schema-qualified tables do not exist, in one query.</summary>
    public static async Task<IReadOnlyList<string>> MissingTablesAsync(IQuerySession session, IEnumerable<string> tables, CancellationToken cancellation) =>
        await session.QueryAsync<string>("select name from unnest(?) as name where to_regclass(name) is null", cancellation, (object)tables.ToArray());

    public static async Task EnsureTablesExistAsync(IDocumentStore store, CancellationToken cancellation)
    {
        var events = store.Options.Events.DatabaseSchemaName;
        string[] expected = [$"{events}.mt_events", $"{events}.mt_streams", $"{events}.mt_event_progression"];
        await using var session = store.QuerySession();
        var missing = await MissingTablesAsync(session, expected, cancellation);
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"The database schema is missing or older than this version ({string.Join(", ", missing)} do not exist). " +
                $"Apply it with `{ApplyCommand}` (run.sh does), or set Database__ApplyChangesOnStartup=true.");
    }
}
