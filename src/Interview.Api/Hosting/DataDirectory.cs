using System.Text.RegularExpressions;
using Npgsql;

namespace Interview.Api.Hosting;

/// <summary>The git-ignored folder for local state (development signing key, etc.).</summary>
public static class DataDirectory
{
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Interview:DataDirectory"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, ".data")
            : Path.GetFullPath(configured, environment.ContentRootPath);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// How often PostgreSQL (14 and later) checks, during a long statement, that the client is still there. A node killed
    /// while one of its sessions sleeps holding an advisory lock (the async daemon's leadership, Wolverine's) would
    /// otherwise keep that lock until the statement ends, up to a minute; with the check, the session and its locks end
    /// within about a second and another node takes over.
    /// </summary>
    public const int DeadClientCheckMilliseconds = 1000;

    /// <summary>
    /// The connection string of every pool in the process (Marten and Wolverine share one, Hangfire has its own). Unless
    /// it names its own <c>Maximum Pool Size</c>, each pool holds at most <c>Database:MaxPoolSize</c> (default 20)
    /// connections instead of Npgsql's 100, so that several nodes stay inside PostgreSQL's <c>max_connections</c>
    /// (100 by default): a burst of requests waits a moment for a pooled connection instead of being refused. Unless it
    /// names its own <c>Options</c>, PostgreSQL checks every second that a client running a long statement is still there.
    /// Unless it names its own <c>Max Auto Prepare</c>, Npgsql prepares the statements a connection runs repeatedly
    /// (<c>Database:MaxAutoPrepare</c>, default 100 per connection): PostgreSQL then neither parses nor plans them again,
    /// and a connection returned to the pool is reset without <c>DISCARD ALL</c>, which also threw away the plans
    /// PL/pgSQL keeps for Marten's append and upsert functions.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Interview")
                         ?? Environment.GetEnvironmentVariable("INTERVIEW_DB")
                         ?? "Host=127.0.0.1;Port=5433;Database=interview;Username=postgres";
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!Regex.IsMatch(configured, @"max(imum)?\s*pool\s*size", RegexOptions.IgnoreCase))
            builder.MaxPoolSize = configuration.GetValue("Database:MaxPoolSize", 20);
        if (!Regex.IsMatch(configured, @"max\s*auto\s*prepare", RegexOptions.IgnoreCase))
            builder.MaxAutoPrepare = configuration.GetValue("Database:MaxAutoPrepare", 100);
        if (string.IsNullOrEmpty(builder.Options)) builder.Options = $"-c client_connection_check_interval={DeadClientCheckMilliseconds}";
        return builder.ConnectionString;
    }
}
