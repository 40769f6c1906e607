using System.Text.Json;
using System.Text.Json.Nodes;

namespace Interview.Workers.Llm;

/// <summary>Finds the JSON object in a model's reply (markdown fences and surrounding prose stripped) and reads fields strictly.</summary>
public static class LlmJson
{
    public static (JsonObject? Value, string? Error) ExtractObject(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply)) return (null, "the reply was empty");
        var start = reply.IndexOf('{');
        var end = reply.LastIndexOf('}');
        if (start < 0 || end <= start) return (null, "the reply holds no JSON object");
        try
        {
            return JsonNode.Parse(reply[start..(end + 1)]) is JsonObject obj ? (obj, null) : (null, "the reply is not a JSON object");
        }
        catch (JsonException e)
        {
            return (null, $"the JSON object is malformed: {e.Message}");
        }
    }

    /// <summary>Reads and validates the fields of a reply; each problem is added to <see cref="Errors"/> naming the field.</summary>
    public sealed class Reader(JsonObject value)
    {
        public List<string> Errors { get; } = [];

        public string? Text(string field, int maxLength, bool required = true)
        {
            var node = value[field];
            if (node is null || node.GetValueKind() == JsonValueKind.Null)
            {
                if (required) Errors.Add($"'{field}' is missing");
                return null;
            }
            if (node.GetValueKind() != JsonValueKind.String) { Errors.Add($"'{field}' must be a string"); return null; }
            var text = node.GetValue<string>().Trim();
            if (text.Length == 0 && required) Errors.Add($"'{field}' is empty");
            else if (text.Length > maxLength) Errors.Add($"'{field}' is longer than {maxLength} characters");
            return text.Length == 0 ? null : text;
        }

        public bool? Flag(string field)
        {
            var node = value[field];
            if (node is not null && node.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return node.GetValue<bool>();
            Errors.Add($"'{field}' must be true or false");
            return null;
        }

        public IReadOnlyList<string> List(string field, int min, int max, int maxItemLength)
        {
            if (value[field] is not JsonArray array) { Errors.Add($"'{field}' must be an array of strings"); return []; }
            var items = array.Select(n => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>().Trim() : null).ToArray();
            if (items.Any(string.IsNullOrEmpty)) { Errors.Add($"'{field}' must hold only non-empty strings"); return []; }
            if (items.Length < min || items.Length > max) Errors.Add($"'{field}' must hold {min} to {max} items");
            if (items.Any(i => i!.Length > maxItemLength)) Errors.Add($"items of '{field}' must be at most {maxItemLength} characters");
            return items!;
        }
    }
}
