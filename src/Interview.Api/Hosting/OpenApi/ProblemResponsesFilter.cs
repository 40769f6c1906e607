using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Wolverine.Http;

namespace Interview.Api.Hosting.OpenApi;

/// <summary>
/// Documents every operation's error responses and security from its endpoint metadata, so a new endpoint needs no
/// annotations: 400 when it takes a body or query parameters (or a Wolverine Validate step declared one), 401 and the
/// bearer requirement unless [AllowAnonymous], 403 when it requires a role or policy, 404 when its route names a
/// resource, 409 when Wolverine runs it in a transaction (a write that can lose a race), 429 when rate limited.
/// Every error response is application/problem+json.
/// </summary>
public sealed class ProblemResponsesFilter(IOptions<RateLimiterOptions> rateLimiting) : IOperationFilter
{
    public const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "Bad Request: malformed JSON, an unparseable or out-of-range parameter, or invalid fields (errors maps field -> messages).",
        [401] = "Unauthorized: the bearer token is missing, expired or invalid.",
        [403] = "Forbidden: the caller does not have the role this operation requires.",
        [404] = "Not Found: no such resource exists for this account.",
        [409] = "Conflict: the resource changed at the same time or does not allow this in its current state.",
        [422] = "Unprocessable Content: the request cannot be applied as sent.",
        [429] = "Too Many Requests: retry after the number of seconds in Retry-After.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var description = context.ApiDescription;
        var metadata = description.ActionDescriptor.EndpointMetadata ?? [];
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var chain = (description.ActionDescriptor as WolverineActionDescriptor)?.Chain;

        var statuses = new SortedSet<int>((operation.Responses ?? []).Keys
            .Select(key => int.TryParse(key, out var status) ? status : 0).Where(status => status >= 400));
        var sources = description.ParameterDescriptions.Select(p => p.Source).ToArray();
        if (sources.Any(s => s == BindingSource.Body || s == BindingSource.Query || s == BindingSource.Form
                || s == BindingSource.FormFile || s == BindingSource.Header))
            statuses.Add(400);
        if (!anonymous) statuses.Add(401);
        if (!anonymous && metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Roles) || !string.IsNullOrEmpty(a.Policy)))
            statuses.Add(403);
        if (sources.Contains(BindingSource.Path)) statuses.Add(404);
        if (chain?.IsTransactional == true) statuses.Add(409);
        if (!metadata.OfType<DisableRateLimitingAttribute>().Any()
            && (metadata.OfType<EnableRateLimitingAttribute>().Any() || rateLimiting.Value.GlobalLimiter is not null))
            statuses.Add(429);

        // Wolverine describes every endpoint by its generated class name ("POST_api_v1_auth_login"): that is no description.
        if (chain is not null && operation.Description == chain.Description) operation.Description = null;
        var roles = metadata.OfType<IAuthorizeData>().Select(a => a.Roles).Where(r => !string.IsNullOrEmpty(r)).ToArray();
        var access = anonymous ? "No token needed."
            : roles.Length > 0 ? $"Needs a bearer token with the role {string.Join(" and ", roles.Select(r => string.Join(" or ", r!.Split(','))))}."
            : "Needs a bearer token.";
        operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? access : $"{operation.Description}\n\n{access}";

        operation.Responses ??= new OpenApiResponses();
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var validationProblem = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
        foreach (var status in statuses)
        {
            var response = new OpenApiResponse
            {
                Description = Descriptions.GetValueOrDefault(status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)),
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [ProblemJson] = new OpenApiMediaType { Schema = status == 400 ? validationProblem : problem }
                }
            };
            if (status == 429)
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before retrying.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer }
                    }
                };
            operation.Responses[status.ToString()] = response;
        }

        operation.Security = anonymous
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiConventions.BearerScheme, context.Document)] = [] }];

        if (context.MethodInfo is { } method)
            foreach (var parameter in operation.Parameters ?? [])
                if (method.GetParameters().FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
                        ?.GetCustomAttributes(typeof(WireValuesAttribute), false).FirstOrDefault() is WireValuesAttribute values
                    && parameter.Schema is OpenApiSchema schema)
                    schema.Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
    }
}
