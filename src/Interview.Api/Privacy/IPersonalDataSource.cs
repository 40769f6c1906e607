using System.IO.Compression;
using Interview.Domain.Common;

namespace Interview.Api.Privacy;

/// <summary>
/// One place that holds personal data. Registered many times in DI; export (<c>GET /me/export</c>) and erasure
/// (<c>DELETE /me</c>, <c>DELETE /admin/users/{id}</c>) both go through every registered source, so a new kind of data
/// (voice recordings) is exported and erased by registering its source.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>Writes this source's files about the user into the archive (under a folder of its own).</summary>
    Task ExportAsync(Guid userId, ZipArchive zip, CancellationToken ct);

    /// <summary>Makes the user's personal data held here unreadable. Must be safe to run again.</summary>
    Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct);
}

/// <summary>A retention rule run by the daily retention job; returns how many items it deleted (each recorded as an event).</summary>
public interface IRetentionRule
{
    string Name { get; }

    Task<int> EnforceAsync(DateTimeOffset now, CancellationToken ct);
}
