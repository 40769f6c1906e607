using Interview.Api.Hosting;
using Interview.Tests.Hosting;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class DatabaseSchemaTests(AppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public void only_development_applies_schema_changes_at_start_unless_configured()
    {
        static IConfiguration Settings(string? value) => new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ApplyChangesOnStartup"] = value }).Build();

        DatabaseSchema.AppliedOnStartup(Settings(null), new Environment(Environments.Development)).ShouldBeTrue();
        DatabaseSchema.AppliedOnStartup(Settings(null), new Environment(Environments.Production)).ShouldBeFalse();
        DatabaseSchema.AppliedOnStartup(Settings("true"), new Environment(Environments.Production)).ShouldBeTrue();
    }

    [Fact]
    public async Task a_start_against_a_database_without_the_schema_fails_naming_db_apply()
    {
        var options = InterviewStore.Options(DataDirectory.ConnectionString(Host.Services.GetRequiredService<IConfiguration>()));
        options.DatabaseSchemaName = "never_applied";
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        await using var store = new DocumentStore(options);

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => DatabaseSchema.EnsureTablesExistAsync(store, CancellationToken.None));

        failure.Message.ShouldContain("never_applied.mt_events");
        failure.Message.ShouldContain(DatabaseSchema.ApplyCommand);
        await DatabaseSchema.EnsureTablesExistAsync(Host.Services.GetRequiredService<IDocumentStore>(), CancellationToken.None);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Interview.Api";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
