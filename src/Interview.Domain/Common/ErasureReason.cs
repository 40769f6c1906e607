using System.Text.Json.Serialization;

namespace Interview.Domain.Common;

/// <summary>Why a stream's personal content was erased: the person asked, an admin did it for them, or retention ran out.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErasureReason>))]
public enum ErasureReason
{
    [JsonStringEnumMemberName("erasure")] Erasure,
    [JsonStringEnumMemberName("adminErasure")] AdminErasure,
    [JsonStringEnumMemberName("retention")] Retention
}
