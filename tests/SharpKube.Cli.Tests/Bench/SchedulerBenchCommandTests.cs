using System.Text.Json;

namespace SharpKube.Cli.Tests.Bench;

public sealed class SchedulerBenchCommandTests
{
    [Fact]
    public async Task TinyRun_SchedulesEveryPod_AndTheReportHasThroughputLatencyAndProcesses()
    {
        var jsonPath = Path.Combine(Directory.CreateTempSubdirectory("sharpkube-cli-test-").FullName, "bench.json");
        try
        {
            var run = await CliRun.InProcessAsync(
                "bench", "scheduler", "--workload", "SchedulingBasic,PodMatchingAntiAffinity", "--nodes", "6", "--init-pods", "3", "--measure-pods", "30",
                "--clients", "2", "--timeout", "90", "--json", jsonPath);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("680 (SchedulingBasic/5000Nodes_10000Pods)", run.Output, StringComparison.Ordinal);
            Assert.Contains("595 (SchedulingPodMatchingAntiAffinity/5000Nodes_5000Pods)", run.Output, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, TestContext.Current.CancellationToken));
            var report = json.RootElement;
            Assert.Equal("scheduler", report.GetProperty("benchmark").GetString());
            var setup = report.GetProperty("setup").EnumerateArray().Select(s => s.GetString()).ToArray();
            Assert.Contains(setup, s => s!.StartsWith("sharpkube apiserver child process", StringComparison.Ordinal));
            Assert.Contains(setup, s => s!.StartsWith("sharpkube hollow-nodes child process", StringComparison.Ordinal));
            var workloads = report.GetProperty("workloads").EnumerateArray().ToArray();
            Assert.Equal(["SchedulingBasic", "PodMatchingAntiAffinity"], workloads.Select(w => w.GetProperty("name").GetString()));
            foreach (var workload in workloads)
            {
                Assert.Equal(6, workload.GetProperty("nodes").GetInt32());
                Assert.Equal(30, workload.GetProperty("measurePods").GetInt32());
                var throughput = workload.GetProperty("throughput");
                Assert.True(throughput.GetProperty("average").GetDouble() > 0);
                Assert.True(throughput.GetProperty("samples").GetInt32() > 0);
                Assert.True(throughput.GetProperty("perc99").GetDouble() >= throughput.GetProperty("perc50").GetDouble());
                var attempts = workload.GetProperty("attemptLatency");
                Assert.Equal(30, attempts.GetProperty("attempts").GetInt64());
                Assert.True(attempts.GetProperty("p99Ms").GetDouble() >= attempts.GetProperty("p50Ms").GetDouble());
                Assert.Equal(30, workload.GetProperty("podCreates").GetProperty("count").GetInt64());
                var processes = workload.GetProperty("processes").EnumerateArray().ToArray();
                Assert.Equal(["scheduler", "apiserver", "hollow-nodes", "benchmark"], processes.Select(p => p.GetProperty("process").GetString()));
                Assert.True(processes[0].GetProperty("cpuSeconds").GetDouble() > 0, "the scheduler's CPU time is measured");
                Assert.True(workload.GetProperty("schedulerRssBytes").GetInt64() > 0);
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(jsonPath)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("--workload", "Nonsense", "--workload: unknown workload \"Nonsense\"")]
    [InlineData("--nodes", "0", "--nodes must be between 1")]
    [InlineData("--measure-pods", "abc", "Cannot parse argument 'abc' for option '--measure-pods'")]
    [InlineData("--clients", "0", "--clients must be between 1")]
    public async Task BadFlagValue_ExitsNonZeroSayingWhatIsWrong(string flag, string value, string message)
    {
        var run = await CliRun.InProcessAsync("bench", "scheduler", flag, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
