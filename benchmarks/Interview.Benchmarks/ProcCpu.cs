using Npgsql;

namespace Interview.Benchmarks;

/// <summary>
/// CPU seconds from /proc: of one process, and of a whole PostgreSQL cluster (the postmaster, its live children, and
/// the children that already exited, which the kernel adds to the postmaster's cutime/cstime). On a machine shared
/// with other work, CPU used per event or per answer stays meaningful when wall times do not.
/// </summary>
public static class ProcCpu
{
    private static readonly double TicksPerSecond = 100.0;

    public static double Seconds(int pid, bool withExitedChildren = false)
    {
        var fields = Fields(pid);
        if (fields is null) return 0;
        var used = long.Parse(fields[11]) + long.Parse(fields[12]);
        if (withExitedChildren) used += long.Parse(fields[13]) + long.Parse(fields[14]);
        return used / TicksPerSecond;
    }

    public static double Self() => Seconds(Environment.ProcessId);

    /// <summary>The postmaster of the cluster behind <paramref name="connectionString"/> (the parent of a backend).</summary>
    public static async Task<int> PostmasterAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return int.Parse(Fields(backend)![1]);
    }

    public static double Cluster(int postmaster)
    {
        var total = Seconds(postmaster, withExitedChildren: true);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == postmaster) continue;
            var fields = Fields(pid);
            if (fields is not null && fields[1] == postmaster.ToString()) total += (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
        }
        return total;
    }

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
