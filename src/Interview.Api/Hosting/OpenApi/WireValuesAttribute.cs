using System.Reflection;
using Interview.Domain.Common;

namespace Interview.Api.Hosting.OpenApi;

/// <summary>
/// The values a string field or query parameter accepts, for the OpenAPI document (the endpoint still validates them):
/// an enum's wire names, a static list (<c>typeof(Catalog), nameof(Catalog.Tracks)</c>) or literal values.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class WireValuesAttribute : Attribute
{
    public WireValuesAttribute(Type enumType) =>
        Values = (IReadOnlyList<string>)typeof(EnumText).GetMethod(nameof(EnumText.WireNames))!.MakeGenericMethod(enumType).Invoke(null, null)!;

    public WireValuesAttribute(Type holder, string member) =>
        Values = (holder.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? holder.GetProperty(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)) as IEnumerable<string> is { } values
            ? values.ToArray()
            : throw new ArgumentException($"{holder.Name}.{member} is not a public static list of strings.");

    public WireValuesAttribute(params string[] values) => Values = values;

    public IReadOnlyList<string> Values { get; }
}
