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
    /// The connection string of every pool in the process (Marten and Wolverine share one, Hangfire has its own). Unless
    /// it names its own <c>Maximum Pool Size</c>, each pool holds at most <c>Database:MaxPoolSize</c> (default 20)
    /// connections instead of Npgsql's 100, so that several nodes stay inside PostgreSQL's <c>max_connections</c>
    /// (100 by default): a burst of requests waits a moment for a pooled connection instead of being refused.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Interview")
                         ?? Environment.GetEnvironmentVariable("INTERVIEW_DB")
                         ?? "Host=127.0.0.1;Port=5433;Database=interview;Username=postgres";
        if (Regex.IsMatch(configured, @"max(imum)?\s*pool\s*size", RegexOptions.IgnoreCase)) return configured;
        return new NpgsqlConnectionStringBuilder(configured) { MaxPoolSize = configuration.GetValue("Database:MaxPoolSize", 20) }.ConnectionString;
    }
}
