using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Interview.Api.Hosting.OpenApi;

/// <summary>
/// Required and allowed values from the types themselves: non-nullable properties are always written, so required;
/// request records mark the fields their validation requires with [Required] and closed value sets with [WireValues]
/// (on the property or the record's constructor parameter).
/// </summary>
public sealed class RequestSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is not { Count: > 0 } properties || context.Type.IsPrimitive) return;
        var constructorParameters = context.Type.GetConstructors().SelectMany(c => c.GetParameters()).ToArray();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = properties.Keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null) continue;
            var parameter = constructorParameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            T? Attribute<T>() where T : Attribute => property.GetCustomAttribute<T>() ?? parameter?.GetCustomAttribute<T>();

            var valueType = property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null;
            var required = Attribute<RequiredAttribute>() is not null;
            if (valueType || required) (target.Required ??= new HashSet<string>()).Add(name);
            if (required && properties[name] is OpenApiSchema { Type: { } type } nullable) nullable.Type = type & ~JsonSchemaType.Null;
            if (Attribute<WireValuesAttribute>() is { } values && properties[name] is OpenApiSchema field)
                field.Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        }
    }
}
