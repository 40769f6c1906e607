using System.Text.Encodings.Web;
using System.Text.Json;

namespace Interview.Workers.Llm;

/// <summary>
/// Wraps candidate-written text as data for a prompt: JSON-encoded (so quotes, newlines and '&lt;' cannot close the block)
/// inside a tag that the system message declares untrusted.
/// </summary>
public static class UntrustedText
{
    private static readonly JsonSerializerOptions Encoding = new() { Encoder = JavaScriptEncoder.Default };

    public static string Block<T>(string tag, T value) => $"<{tag}>{JsonSerializer.Serialize(value, Encoding)}</{tag}>";
}
