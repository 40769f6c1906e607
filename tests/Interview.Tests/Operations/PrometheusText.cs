using System.Globalization;
using System.Text.RegularExpressions;

namespace Interview.Tests.Operations;

/// <summary>Reads samples out of a Prometheus text exposition: the sum of every sample of a name whose labels include the given ones.</summary>
public sealed partial class PrometheusText(string text)
{
    public string Text { get; } = text;

    public double Sum(string name, params (string Label, string Value)[] labels) => Samples(name, labels).Sum();

    public IReadOnlyList<double> Samples(string name, params (string Label, string Value)[] labels) =>
        Sample().Matches(Text)
            .Where(m => m.Groups["name"].Value == name)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"")))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToArray();

    public bool Has(string name) => Sample().Matches(Text).Any(m => m.Groups["name"].Value == name);

    // Label values are quoted and may hold braces (http_route="/interviews/{id}").
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>(?:[^}""]|""(?:[^""\\]|\\.)*"")*)\})?\s+(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
