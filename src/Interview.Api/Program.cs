using Interview.Api.Accounts;
using Interview.Api.Auth;
using Interview.Api.Hosting;
using Interview.Api.Idempotency;
using Interview.Api.Live;
using Interview.Api.Privacy;
using Interview.Api.Webhooks;
using Interview.Api.Sessions;
using Interview.Api.Questions;
using Interview.Projections.Accounts;
using Interview.Projections.Analytics;
using Interview.Projections.Prep;
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
builder.AddSecurityHeaders();
builder.Services.AddInterviewRateLimits();
builder.AddQuestionBank();
builder.Services.AddInterviewerTurns().AddSpeech();
builder.Services.AddReports(builder.Configuration, DataDirectory.ConnectionString);
builder.Services.AddInterviewOperations(builder.Configuration);
builder.AddInterviewTelemetry();
builder.Services.AddLiveStreams().AddWebApp();
builder.Services.AddRequestGuards().AddIdempotency();
builder.Services.AddPrivacy().AddWebhooks();

var applySchemaOnStartup = DatabaseSchema.AppliedOnStartup(builder.Configuration, builder.Environment);
var marten = builder.Services.AddMarten(services =>
    {
        var options = InterviewStore.Options(DataDirectory.ConnectionString(services.GetRequiredService<IConfiguration>()));
        options.AutoCreateSchemaObjects = applySchemaOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        return options;
    })
    .UseLightweightSessions()
    .AddAsyncDaemon(DaemonMode.HotCold)
    .IntegrateWithWolverine(integration => integration.MessageStorageSchemaName = "wolverine")
    .SubscribeToEvents(new WebhookNotifications());
if (applySchemaOnStartup) marten.ApplyAllDatabaseChangesOnStartup();
builder.Services.AddSingleton<WarmUp>().AddHostedService(services => services.GetRequiredService<WarmUp>());

builder.Host.UseWolverine(options =>
{
    options.ApplicationAssembly = typeof(Program).Assembly;
    options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
    options.AutoBuildMessageStorageOnStartup = applySchemaOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
    options.Policies.AutoApplyTransactions();
    options.Policies.UseDurableLocalQueues();
    options.ConfigureInterviewerTurns();
    options.RecoverDeadNodesQuickly(builder.Configuration);
    options.ConfigureReports(builder.Configuration);
    options.ConfigureWebhooks(builder.Configuration);
});

builder.Services.AddWolverineHttp();

var app = builder.Build().BeginWarmUpWhenServing(args);

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseInterviewOperations();
app.UseInterviewTelemetry();
app.UseWebApp();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseRequestGuards();
app.UseMiddleware<Interview.Api.Speech.AudioUploadGuard>();
app.UseIdempotency();
app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new AdminOnlyDashboard()], DisplayStorageConnectionString = false });
app.MapWolverineEndpoints(options =>
{
    options.RejectUnparseableQueryValues = true;
    options.AddPolicy<IdempotentRepliesPolicy>();
});
app.MapInterviewStream();

return await app.RunJasperFxCommands(args);

public partial class Program;
