using Interview.Workers.Reports;
using Microsoft.Extensions.Configuration;
using Shouldly;

namespace Interview.Tests.Reports;

public sealed class ReportSettingsTests
{
    private static ReportSettings Loaded(Dictionary<string, string?> settings) =>
        ReportSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void a_node_runs_eight_report_workers_unless_configured_and_never_none()
    {
        Loaded([]).WorkerCount.ShouldBe(ReportSettings.DefaultWorkerCount);
        ReportSettings.DefaultWorkerCount.ShouldBe(8);
        Loaded(new() { ["Reports:WorkerCount"] = "3" }).WorkerCount.ShouldBe(3);
        Loaded(new() { ["Reports:WorkerCount"] = "0" }).WorkerCount.ShouldBe(1);
    }
}
