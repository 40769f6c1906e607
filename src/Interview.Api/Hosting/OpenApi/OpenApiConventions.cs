using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Interview.Api.Hosting.OpenApi;

/// <summary>The OpenAPI document: conventions applied centrally by filters, so that endpoints only carry doc comments.</summary>
public static class OpenApiConventions
{
    public const string BearerScheme = "bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Accounts"] = "Sign-up, e-mail verification, login and the caller's own account and profile.",
        ["Admin"] = "Role grants and analytics, for admins only.",
        ["Coaching"] = "What coaches see of the interviews candidates shared with them: replay, timeline, notes, re-scoring.",
        ["Interviews"] = "Mock interviews: create, start, answer, pause, resume, finalize, share, and the caller's history.",
        ["Operations"] = "The interviewer engine's health.",
        ["Prep"] = "Company interview prep packs.",
        ["Progress"] = "The caller's statistics and dashboard.",
        ["Question bank"] = "The written question bank and its coverage.",
        ["Reports"] = "Scored interview reports and single-answer evaluations.",
    };

    public static void Configure(SwaggerGenOptions options)
    {
        options.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "Interview API",
            Version = "v1",
            Description = "Event-sourced AI mock interviews: accounts, question bank, interviews, reports, prep packs and coaching. " +
                "Errors are RFC 9457 problem details (application/problem+json).",
            Contact = new OpenApiContact { Name = "Interview maintainers" },
            License = new OpenApiLicense { Name = "Proprietary" }
        });
        options.CustomSchemaIds(SchemaIds.For);
        options.SupportNonNullableReferenceTypes();
        options.NonNullableReferenceTypesAsRequired();
        options.UseAllOfToExtendReferenceSchemas();
        options.IncludeXmlComments(typeof(OpenApiConventions).Assembly);
        options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken returned by POST /api/v1/auth/login."
        });
        options.OperationFilter<ProblemResponsesFilter>();
        options.SchemaFilter<RequestSchemaFilter>();
        options.DocumentFilter<TagDescriptionsFilter>();
        options.DocumentFilter<NullableReferencesFilter>();
    }

    private sealed class TagDescriptionsFilter : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            var used = document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? [])
                .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(tag => tag.Name).OfType<string>()
                .Distinct().Order();
            document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
            {
                Name = name,
                Description = TagDescriptions.GetValueOrDefault(name)
            }));
        }
    }

    /// <summary>
    /// OpenAPI 3.0 can only say "this reference or null" as allOf [ref] with nullable and a type: keep that shape for
    /// nullable references (GET /me's profile) and use the plain reference everywhere else.
    /// </summary>
    private sealed class NullableReferencesFilter : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            foreach (var schema in context.SchemaRepository.Schemas.Values.OfType<OpenApiSchema>())
            {
                if (schema.Properties is null) continue;
                foreach (var (name, property) in schema.Properties.ToArray())
                {
                    if (property is not OpenApiSchema { AllOf: [OpenApiSchemaReference reference] } wrapper) continue;
                    var nullable = wrapper.Type?.HasFlag(JsonSchemaType.Null) == true;
                    if (!nullable && string.IsNullOrEmpty(wrapper.Description)) schema.Properties[name] = reference;
                    else if (nullable && reference.Reference.Id is { } id && context.SchemaRepository.Schemas.TryGetValue(id, out var target))
                        wrapper.Type = (target.Type ?? JsonSchemaType.Object) | JsonSchemaType.Null;
                }
            }
        }
    }
}
