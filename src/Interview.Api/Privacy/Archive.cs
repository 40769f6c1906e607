using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx.Events;

namespace Interview.Api.Privacy;

/// <summary>How sources write into the export archive: JSON documents and events as JSON lines.</summary>
public static class Archive
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) }
    };

    private static readonly JsonSerializerOptions Line = new(Json) { WriteIndented = false };

    /// <summary>One exported event: its type, stream, version in the stream, global sequence, timestamp and data.</summary>
    public sealed record ExportedEvent(string Type, Guid Stream, long Version, long Sequence, DateTimeOffset Timestamp, object Data);

    public static async Task WriteJsonAsync(this ZipArchive zip, string path, object? value, CancellationToken ct)
    {
        await using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        await JsonSerializer.SerializeAsync(stream, value, value?.GetType() ?? typeof(object), Json, ct);
    }

    public static async Task WriteEventsAsync(this ZipArchive zip, string path, IEnumerable<IEvent> events, Func<IEvent, object>? data, CancellationToken ct)
    {
        await using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        await using var writer = new StreamWriter(stream);
        foreach (var e in events)
        {
            var line = new ExportedEvent(e.EventTypeName, e.StreamId, e.Version, e.Sequence, e.Timestamp, data?.Invoke(e) ?? e.Data);
            await writer.WriteLineAsync(JsonSerializer.Serialize(line, Line).AsMemory(), ct);
        }
    }
}
