using Interview.Api.Hosting;
using Interview.Tests.Hosting;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Interview.Tests.Operations;

public sealed class DatabaseConnectionTests(AppFixture fixture) : ApiTest(fixture)
{
    private static NpgsqlConnectionStringBuilder Built(string connectionString, Dictionary<string, string?>? settings = null) =>
        new(DataDirectory.ConnectionString(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?>(settings ?? []) { ["ConnectionStrings:Interview"] = connectionString }).Build()));

    [Fact]
    public void every_pool_is_capped_and_checks_for_vanished_clients_unless_the_connection_string_says_otherwise()
    {
        var defaults = Built("Host=db;Database=interview;Username=app");
        defaults.MaxPoolSize.ShouldBe(20);
        defaults.Options.ShouldBe($"-c client_connection_check_interval={DataDirectory.DeadClientCheckMilliseconds}");
        defaults.MaxAutoPrepare.ShouldBe(100);

        var configured = Built("Host=db;Database=interview;Username=app", new() { ["Database:MaxPoolSize"] = "10", ["Database:MaxAutoPrepare"] = "0" });
        configured.MaxPoolSize.ShouldBe(10);
        configured.MaxAutoPrepare.ShouldBe(0);
        var own = Built("Host=db;Database=interview;Username=app;Maximum Pool Size=7;Options=-c statement_timeout=5000;Max Auto Prepare=5");
        own.MaxPoolSize.ShouldBe(7);
        own.Options.ShouldBe("-c statement_timeout=5000");
        own.MaxAutoPrepare.ShouldBe(5);
    }

    [Fact]
    public async Task a_statement_run_repeatedly_stays_prepared_on_its_pooled_connection()
    {
        var connectionString = DataDirectory.ConnectionString(Host.Services.GetRequiredService<IConfiguration>());
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 1 });
        for (var run = 0; run < 6; run++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("select count(*) from interview.mt_streams where id = $1", connection) { Parameters = { new() { Value = Guid.NewGuid() } } };
            await command.ExecuteScalarAsync();
        }

        await using var reused = await dataSource.OpenConnectionAsync();
        await using var prepared = new NpgsqlCommand("select count(*) from pg_prepared_statements where statement like '%interview.mt_streams where id = $1%'", reused);
        ((long)(await prepared.ExecuteScalarAsync())!).ShouldBe(1);
    }

    [Fact]
    public async Task postgresql_accepts_the_dead_client_check_on_the_stores_sessions()
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();

        var interval = await session.QueryAsync<string>("select current_setting('client_connection_check_interval')");

        interval.ShouldHaveSingleItem().ShouldBe($"{DataDirectory.DeadClientCheckMilliseconds / 1000}s");
    }

    [Fact]
    public void only_the_stores_pool_skips_the_reset_of_returned_connections_and_it_bounds_their_age()
    {
        var everyPool = Built("Host=db;Database=interview;Username=app");
        everyPool.NoResetOnClose.ShouldBeFalse();

        var store = new NpgsqlConnectionStringBuilder(InterviewStore.WithoutPoolReset(everyPool.ConnectionString));
        store.NoResetOnClose.ShouldBeTrue();
        store.ConnectionLifetime.ShouldBe(300);
        store.MaxPoolSize.ShouldBe(everyPool.MaxPoolSize);
        new NpgsqlConnectionStringBuilder(InterviewStore.WithoutPoolReset("Host=db;Connection Lifetime=60")).ConnectionLifetime.ShouldBe(60);
    }

    [Fact]
    public async Task the_stores_sessions_run_on_connections_that_are_not_reset()
    {
        await using var connection = Host.Services.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection();

        new NpgsqlConnectionStringBuilder(connection.ConnectionString).NoResetOnClose.ShouldBeTrue();
    }
}
