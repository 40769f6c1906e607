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

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Interview")
        ?? Environment.GetEnvironmentVariable("INTERVIEW_DB")
        ?? "Host=127.0.0.1;Port=5433;Database=interview;Username=postgres";
}
