using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Interview.Tests.Hosting;
using Microsoft.OpenApi;
using Shouldly;

namespace Interview.Tests.Operations;

/// <summary>The rules of the OpenAPI document, checked for every operation so that new endpoints are checked too.</summary>
public sealed partial class OpenApiDocumentTests(AppFixture fixture) : ApiTest(fixture)
{
    // Every auth route but logout (which ends the caller's own session) is for callers without a token.
    private static readonly string[] Anonymous = ["/api/v1/auth/signup", "/api/v1/auth/verify", "/api/v1/auth/login", "/api/v1/auth/refresh"];

    private async Task<(string Json, JsonElement Document)> Document()
    {
        var json = (await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"))).ReadAsText();
        return (json, JsonDocument.Parse(json).RootElement);
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => (path.Name, o.Name, o.Value)));

    [Fact]
    public async Task the_document_parses_strictly_and_validates_without_errors()
    {
        var (json, _) = await Document();
        var read = OpenApiDocument.Parse(json, "json");
        read.Diagnostic.ShouldNotBeNull().Errors.Select(e => e.ToString()).ShouldBeEmpty();
        read.Document.ShouldNotBeNull().Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => $"{e.Pointer}: {e.Message}").ShouldBeEmpty();
    }

    [Fact]
    public async Task schema_names_are_plain_identifiers()
    {
        var (_, document) = await Document();
        var names = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToArray();
        names.Where(n => !SchemaName().IsMatch(n)).ShouldBeEmpty();
        names.ShouldContain("QuestionItemPagedList");
    }

    [Fact]
    public async Task every_operation_has_a_summary_and_documents_its_errors_as_problem_details()
    {
        var (_, document) = await Document();
        var failures = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var summary = operation.TryGetProperty("summary", out var s) ? s.GetString() : null;
            if (string.IsNullOrWhiteSpace(summary) || !summary.Contains(' ')) failures.Add($"{name}: no summary from its XML doc comment ({summary})");

            if (operation.TryGetProperty("description", out var d) && GeneratedName().IsMatch(d.GetString() ?? ""))
                failures.Add($"{name}: description is the generated class name {d}");

            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            if (!responses.Keys.Any(k => k.StartsWith('4'))) failures.Add($"{name}: documents no 4xx response");
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var types = response.TryGetProperty("content", out var content) ? content.EnumerateObject().Select(c => c.Name).ToArray() : [];
                if (types is not ["application/problem+json"]) failures.Add($"{name}: {status} is [{string.Join(", ", types)}], not application/problem+json");
            }

            var anonymous = Anonymous.Any(path.StartsWith);
            var secured = operation.TryGetProperty("security", out var security) && security.EnumerateArray()
                .Any(r => r.TryGetProperty("bearer", out _));
            if (anonymous && secured) failures.Add($"{name}: an auth route must not require a token");
            if (!anonymous && !secured) failures.Add($"{name}: no bearer security requirement");
            if (!anonymous && !responses.ContainsKey("401")) failures.Add($"{name}: no 401");
            if (anonymous && (!operation.TryGetProperty("security", out var none) || none.GetArrayLength() != 0))
                failures.Add($"{name}: an auth route must say security: [] (no requirement)");

            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToArray() : [];
            if (parameters.Any(x => x.GetProperty("in").GetString() == "path") && !responses.ContainsKey("404"))
                failures.Add($"{name}: takes a route id but documents no 404");
            if ((operation.TryGetProperty("requestBody", out _) || parameters.Any(x => x.GetProperty("in").GetString() == "query"))
                && !responses.ContainsKey("400"))
                failures.Add($"{name}: takes input but documents no 400");
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task enum_like_query_filters_list_their_values()
    {
        var (_, document) = await Document();
        string[] Values(string path, string parameter) => document.GetProperty("paths").GetProperty(path).GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == parameter)
            .GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToArray();

        Values("/api/v1/interviews", "difficulty").ShouldBe(["easy", "medium", "hard", "expert"]);
        Values("/api/v1/interviews", "type").ShouldContain("system_design");
        Values("/api/v1/questions", "type").ShouldNotContain("mixed");
        Values("/api/v1/questions", "track").ShouldContain("backend");
        var create = Schema(document, document.GetProperty("paths").GetProperty("/api/v1/interviews").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        create.GetProperty("properties").GetProperty("level").GetProperty("enum").EnumerateArray().Select(v => v.GetString())
            .ShouldBe(["entry", "mid", "senior", "lead"]);
    }

    /// <summary>Sends {} to every body-taking operation without route ids: each field the 400 names must be marked required.</summary>
    [Fact]
    public async Task fields_that_validation_requires_are_marked_required()
    {
        var (_, document) = await Document();
        var caller = await Host.SignedUp();
        var failures = new List<string>();
        foreach (var (path, method, operation) in Operations(document).Where(o => !o.Path.Contains('{') && o.Operation.TryGetProperty("requestBody", out _)))
        {
            var schema = Schema(document, operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
            var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [];
            var result = await Host.As(caller, s =>
            {
                if (method == "put") s.Put.Json(new { }).ToUrl(path);
                else s.Post.Json(new { }).ToUrl(path);
                s.IgnoreStatusCode();
            });
            if (result.Context.Response.StatusCode != 400) continue;
            var problem = await result.ReadAsJsonAsync<JsonElement>();
            if (!problem.TryGetProperty("errors", out var errors)) continue;
            foreach (var field in errors.EnumerateObject().Select(e => e.Name).Where(f => !f.Contains('.')))
                if (!required.Contains(field) && !IsOneOfAlternatives(path, field))
                    failures.Add($"{method.ToUpperInvariant()} {path}: validation requires '{field}' but the schema does not mark it required");
        }
        failures.ShouldBeEmpty();
    }

    // POST /evaluations takes a bank question id or an inline question: neither alone is required.
    private static bool IsOneOfAlternatives(string path, string field) => path == "/api/v1/evaluations" && field == "questionId";

    [Fact]
    public async Task the_spoken_answer_documents_its_form_fields_the_idempotency_key_included()
    {
        var (_, document) = await Document();

        var form = document.GetProperty("paths").GetProperty("/api/v1/interviews/{id}/answers/audio").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");

        form.GetProperty("properties").EnumerateObject().Select(p => p.Name).ShouldBe(["idempotencyKey", "audio"], ignoreOrder: true);
        form.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldBe(["audio"]);
    }

    [Fact]
    public async Task get_me_matches_its_schema_before_and_after_a_profile_exists()
    {
        var (_, document) = await Document();
        var caller = await Host.SignedUp();
        var schema = ResponseSchema(document, "/api/v1/me", "get", "200");

        var before = await (await Host.As(caller, s => s.Get.Url("/api/v1/me"))).ReadAsJsonAsync<JsonElement>();
        before.GetProperty("profile").ValueKind.ShouldBe(JsonValueKind.Null);
        Mismatches(document, schema, before, "me").ShouldBeEmpty();

        await Host.As(caller, s => s.Put.Json(new { targetRole = "Backend Engineer", experienceYears = 3, skills = new[] { "c#" } }).ToUrl("/api/v1/me/profile"));
        var after = await (await Host.As(caller, s => s.Get.Url("/api/v1/me"))).ReadAsJsonAsync<JsonElement>();
        Mismatches(document, schema, after, "me").ShouldBeEmpty();
    }

    [Fact]
    public async Task list_responses_match_their_schemas()
    {
        var (_, document) = await Document();
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        await Host.CreatedInterview(admin);
        foreach (var path in new[] { "/api/v1/questions", "/api/v1/interviews", "/api/v1/admin/analytics/questions" })
        {
            var body = await (await Host.As(admin, s => s.Get.Url(path + "?pageSize=5"))).ReadAsJsonAsync<JsonElement>();
            Mismatches(document, ResponseSchema(document, path, "get", "200"), body, path).ShouldBeEmpty();
        }
    }

    private static JsonElement ResponseSchema(JsonElement document, string path, string method, string status) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    private static JsonElement Schema(JsonElement document, JsonElement schema)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
            else if (schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1) schema = all[0];
            else return schema;
        }
    }

    /// <summary>A small structural check of a JSON value against an OpenAPI 3.0 schema: types, nullability, required, enums.</summary>
    private static List<string> Mismatches(JsonElement document, JsonElement schema, JsonElement value, string at)
    {
        var nullable = schema.TryGetProperty("nullable", out var n) && n.GetBoolean();
        var resolved = Schema(document, schema);
        nullable |= resolved.TryGetProperty("nullable", out var rn) && rn.GetBoolean();
        if (value.ValueKind == JsonValueKind.Null) return nullable ? [] : [$"{at}: null but the schema is not nullable"];
        var type = resolved.TryGetProperty("type", out var t) ? t.GetString() : null;
        var failures = new List<string>();
        var ok = type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "array" => value.ValueKind == JsonValueKind.Array,
            "object" => value.ValueKind == JsonValueKind.Object,
            _ => true
        };
        if (!ok) return [$"{at}: {value.ValueKind} is not {type}"];
        if (resolved.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
            failures.Add($"{at}: '{value}' is not one of the enum values");
        if (value.ValueKind == JsonValueKind.Array && resolved.TryGetProperty("items", out var items))
            foreach (var (item, i) in value.EnumerateArray().Select((item, i) => (item, i)))
                failures.AddRange(Mismatches(document, items, item, $"{at}[{i}]"));
        if (value.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("properties", out var properties))
        {
            if (resolved.TryGetProperty("required", out var required))
                failures.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _))
                    .Select(r => $"{at}.{r}: required but missing"));
            foreach (var property in value.EnumerateObject())
                if (properties.TryGetProperty(property.Name, out var propertySchema))
                    failures.AddRange(Mismatches(document, propertySchema, property.Value, $"{at}.{property.Name}"));
                else if (!resolved.TryGetProperty("additionalProperties", out _))
                    failures.Add($"{at}.{property.Name}: not in the schema");
        }
        return failures;
    }

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE)_")]
    private static partial Regex GeneratedName();

    [GeneratedRegex(@"^[a-zA-Z0-9\.\-_]+$")]
    private static partial Regex SchemaName();
}
