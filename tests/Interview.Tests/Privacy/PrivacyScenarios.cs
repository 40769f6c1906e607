using System.Text.Json;
using Alba;
using Interview.Api.Accounts;
using Interview.Tests.Hosting;
using Npgsql;
using Shouldly;

namespace Interview.Tests.Privacy;

/// <summary>A candidate who left distinctive strings everywhere the product keeps personal data.</summary>
public sealed record RichCandidate(Caller Caller, string Password, Guid InterviewId, Guid PackId, IReadOnlyList<string> Strings);

public static class PrivacyScenarios
{
    public static async Task<RichCandidate> RichCandidate(this IAlbaHost host, string tag)
    {
        var email = $"zq.{tag}.quillfeather@privacy.test";
        const string password = "grapefruit nebula 42";
        var name = $"Zebulon {tag} Quillfeather";
        var signup = await host.Scenario(s => { s.Post.Json(new { email, password, displayName = name }).ToUrl("/api/v1/auth/signup"); s.StatusCodeShouldBe(201); });
        var token = (await signup.ReadAsJsonAsync<SignupResponse>())!.VerificationToken;
        await host.Scenario(s => { s.Post.Json(new { email, token }).ToUrl("/api/v1/auth/verify"); s.StatusCodeShouldBe(204); });
        var caller = await host.LoggedIn(email, password);

        var role = $"Chief {tag} Marmoset Wrangler";
        var resume = $"Resume: {tag} Frobnicate Holdings, built payment APIs with PostgreSQL and Kafka.";
        await host.As(caller, s =>
        {
            s.Put.Json(new { targetRole = role, experienceYears = 7, skills = new[] { "python" }, resumeText = resume }).ToUrl("/api/v1/me/profile");
            s.StatusCodeShouldBe(200);
        });

        var answer = $"At {tag} Brambleworth I used a hash map because lookups are O(1); the trade-off is memory.";
        var interview = await host.FinalizedInterview(caller, _ => answer, request: new
        {
            track = "backend", role, level = "mid", type = "mixed", difficulty = "medium", companyStyle = "general",
            techStack = new[] { "c#", "postgresql" }, questionCount = 3
        });
        await host.ReportWhen(caller, interview);

        var company = $"Zanzibar {tag} Frobnicorp";
        var prep = await host.As(caller, s =>
        {
            s.WithRequestHeader("Idempotency-Key", $"key-{tag}-quillfeather");
            s.Post.Json(new { company, jobTitle = $"Senior {tag} Gizmologist" }).ToUrl("/api/v1/prep");
            s.StatusCodeShouldBe(201);
        });
        var packId = (await prep.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await host.As(caller, s =>
        {
            s.Post.Json(new { url = $"http://127.0.0.1:9/hooks/{tag}-webhook-quillfeather", events = new[] { "report.ready" } }).ToUrl("/api/v1/webhooks");
            s.StatusCodeShouldBe(201);
        });

        var admin = await host.SignedUp(AppFixture.AdminEmail);
        var coachAccount = await host.SignedUp();
        await host.As(admin, s => { s.Post.Json(new { role = "coach" }).ToUrl($"/api/v1/admin/users/{coachAccount.Id}/roles"); s.StatusCodeShouldBe(204); });
        var coach = await host.LoggedIn(coachAccount.Email);
        await host.As(caller, s => { s.Post.Json(new { coachEmail = coach.Email }).ToUrl($"/api/v1/interviews/{interview}/share"); s.StatusCodeShouldBe(202); });
        var shared = $"Shared: {tag} Zebulon structures answers well";
        var hidden = $"Private: {tag} Zebulon seemed nervous";
        await host.As(coach, s => { s.Post.Json(new { text = shared, visibility = "shared" }).ToUrl($"/api/v1/coach/interviews/{interview}/notes"); s.StatusCodeShouldBe(202); });
        await host.As(coach, s => { s.Post.Json(new { text = hidden, visibility = "private" }).ToUrl($"/api/v1/coach/interviews/{interview}/notes"); s.StatusCodeShouldBe(202); });

        return new RichCandidate(caller, password, interview, packId,
            [email, name, $"{tag} Quillfeather", role, $"{tag} Marmoset", resume, $"{tag} Frobnicate", answer, $"{tag} Brambleworth", company,
             $"{tag} Frobnicorp", $"{tag} Gizmologist", shared, hidden, $"key-{tag}-quillfeather", $"{tag}-webhook-quillfeather"]);
    }

    /// <summary>
    /// Every row of every table in every schema of the database as text (bytea columns decoded as escaped bytes), with
    /// the table it came from: what pg_dump would write, without needing the binary.
    /// </summary>
    public static async Task<IReadOnlyList<(string Table, string Row)>> DumpDatabaseAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Table, List<string> Bytea)>();
        await using (var command = new NpgsqlCommand("""
            select t.table_schema, t.table_name,
                   coalesce(array_agg(c.column_name::text) filter (where c.data_type = 'bytea'), '{}')
            from information_schema.tables t
            left join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
            where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema')
            group by t.table_schema, t.table_name
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2).ToList()));
        tables.Count.ShouldBeGreaterThan(20);

        var rows = new List<(string, string)>();
        foreach (var (schema, table, bytea) in tables)
        {
            var extra = string.Concat(bytea.Select(c => $", coalesce(encode(t.\"{c}\", 'escape'), '')"));
            await using var command = new NpgsqlCommand($"select t::text{extra} from \"{schema}\".\"{table}\" t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(($"{schema}.{table}", string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetString(i)))));
        }
        return rows;
    }
}
