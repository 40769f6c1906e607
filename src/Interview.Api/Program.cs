using Interview.Api.Accounts;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Questions;
using Interview.Projections.Accounts;
using Interview.Projections.Analytics;
using JasperFx.Events.Daemon;
using Interview.Projections.Sessions;
using Interview.Workers;
using Interview.Workers.Llm;
using Interview.Workers.Reports;
using Hangfire;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHostedService<StartupChecks>();

builder.AddInterviewAuth();
builder.AddQuestionBank();
builder.Services.AddInterviewerTurns();
builder.Services.AddReports(builder.Configuration, DataDirectory.ConnectionString);
builder.Services.AddInterviewOperations(builder.Configuration);
builder.Services.AddRequestGuards();

builder.Services.AddMarten(services =>
    {
        var options = new StoreOptions();
        options.Connection(DataDirectory.ConnectionString(services.GetRequiredService<IConfiguration>()));
        options.DatabaseSchemaName = "interview";
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.Events.UseAdvisoryLockTransaction = true;
        options.ConfigureAccounts().ConfigureSessions().ConfigureReadModels();
        return options;
    })
    .UseLightweightSessions()
    .AddAsyncDaemon(DaemonMode.HotCold)
    .ApplyAllDatabaseChangesOnStartup()
    .IntegrateWithWolverine(integration => integration.MessageStorageSchemaName = "wolverine");

builder.Host.UseWolverine(options =>
{
    options.ApplicationAssembly = typeof(Program).Assembly;
    options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
    options.Policies.AutoApplyTransactions();
    options.Policies.UseDurableLocalQueues();
    options.ConfigureInterviewerTurns();
});

builder.Services.AddWolverineHttp();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseInterviewOperations();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequestGuards();
app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new AdminOnlyDashboard()], DisplayStorageConnectionString = false });
app.MapWolverineEndpoints(options => options.RejectUnparseableQueryValues = true);

return await app.RunJasperFxCommands(args);

public partial class Program;
