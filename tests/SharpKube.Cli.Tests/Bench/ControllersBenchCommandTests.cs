using System.Text.Json;

namespace SharpKube.Cli.Tests.Bench;

public sealed class ControllersBenchCommandTests
{
    [Fact]
    public async Task TinyRun_EveryReplicaSetReachesItsReplicas_AndTheReportHasEveryFigure()
    {
        var jsonPath = Path.Combine(Directory.CreateTempSubdirectory("sharpkube-cli-test-").FullName, "bench.json");
        try
        {
            var run = await CliRun.InProcessAsync(
                "bench", "controllers", "--deployments", "2", "--replicas", "3", "--clients", "2", "--timeout", "60", "--json", jsonPath);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("create: every ReplicaSet reports 3 replicas", run.Output, StringComparison.Ordinal);
            Assert.Contains("upstream anchor", run.Output, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, TestContext.Current.CancellationToken));
            var report = json.RootElement;
            Assert.Equal("controllers", report.GetProperty("benchmark").GetString());
            Assert.Contains("--deployments 2", report.GetProperty("commandLine").GetString(), StringComparison.Ordinal);
            Assert.True(report.GetProperty("machine").GetProperty("processorCount").GetInt32() > 0);
            Assert.Contains("sharpkube controller-manager child process", report.GetProperty("controllerManager").GetString(), StringComparison.Ordinal);
            Assert.Contains("sharpkube apiserver child process", report.GetProperty("apiServer").GetString(), StringComparison.Ordinal);
            var settings = report.GetProperty("settings");
            Assert.Equal(2, settings.GetProperty("deployments").GetInt32());
            Assert.Equal(3, settings.GetProperty("replicas").GetInt32());
            Assert.Equal(6, settings.GetProperty("pods").GetInt64());
            Assert.True(report.GetProperty("controllerManagerReadySeconds").GetDouble() > 0);

            var create = report.GetProperty("create");
            Assert.Equal(2, create.GetProperty("replicaSetsFull").GetInt32());
            Assert.Equal(6, create.GetProperty("podsCreated").GetInt64());
            Assert.Equal(6, create.GetProperty("maxPodsAtOnce").GetInt64());
            Assert.Equal(2, create.GetProperty("createLatency").GetProperty("count").GetInt64());
            Assert.Equal(2, create.GetProperty("replicaSetFullLatency").GetProperty("count").GetInt64());
            var exist = create.GetProperty("allReplicaSetsExistSeconds").GetDouble();
            var podsCreated = create.GetProperty("allPodsCreatedSeconds").GetDouble();
            var replicaSetsFull = create.GetProperty("allReplicaSetsFullSeconds").GetDouble();
            // The pod milestone comes from another watch than the ReplicaSet ones, which may deliver a ReplicaSet's full
            // status before the last pod's ADDED event: only milestones of the same watch are ordered.
            Assert.True(exist > 0 && podsCreated > 0 && exist <= replicaSetsFull,
                $"ReplicaSets exist {exist} s, pods created {podsCreated} s, ReplicaSets full {replicaSetsFull} s: out of order");
            Assert.True(create.GetProperty("allDeploymentsFullSeconds").GetDouble() > 0);
            Assert.True(create.GetProperty("podsPerSecond").GetDouble() > 0);
            AssertProcesses(create, "create");
            Assert.True(create.GetProperty("processes")[0].GetProperty("cpuSeconds").GetDouble() > 0, "the controller manager's CPU time is measured");

            var delete = report.GetProperty("delete");
            var replicaSetsGone = delete.GetProperty("allReplicaSetsGoneSeconds").GetDouble();
            var podsGone = delete.GetProperty("allPodsGoneSeconds").GetDouble();
            Assert.True(replicaSetsGone > 0 && replicaSetsGone <= podsGone,
                $"ReplicaSets gone {replicaSetsGone} s, pods gone {podsGone} s: the garbage collector deletes a ReplicaSet before its pods");
            Assert.Equal(2, delete.GetProperty("deleteLatency").GetProperty("count").GetInt64());
            AssertProcesses(delete, "delete");

            var log = report.GetProperty("controllerManagerLog");
            Assert.True(log.GetProperty("lines").GetInt64() > 0);
            Assert.Equal(0, log.GetProperty("errors").GetInt64());
            var upstream = report.GetProperty("upstream");
            Assert.Equal(20, upstream.GetProperty("kubeApiQps").GetDouble());
            Assert.Equal(30, upstream.GetProperty("kubeApiBurst").GetInt32());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(jsonPath)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("--deployments", "0", "--deployments must be between 1")]
    [InlineData("--replicas", "0", "--replicas must be between 1")]
    [InlineData("--timeout", "0", "--timeout must be between 1")]
    [InlineData("--replicas", "abc", "Cannot parse argument 'abc' for option '--replicas'")]
    [InlineData("--json", "/nonexistent/dir/bench.json", "--json: directory /nonexistent/dir does not exist")]
    public async Task BadFlagValue_ExitsNonZeroSayingWhatIsWrong(string flag, string value, string message)
    {
        var run = await CliRun.InProcessAsync("bench", "controllers", flag, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private static void AssertProcesses(JsonElement phase, string name)
    {
        var processes = phase.GetProperty("processes").EnumerateArray().ToArray();
        Assert.Equal(["controller-manager", "apiserver", "benchmark"], processes.Select(p => p.GetProperty("process").GetString()));
        foreach (var process in processes)
        {
            var what = $"{name}: {process.GetProperty("process").GetString()}";
            Assert.True(process.GetProperty("cpuSeconds").GetDouble() >= 0, what);
            Assert.True(process.GetProperty("cpuPercent").GetDouble() >= 0, what);
            Assert.True(process.GetProperty("rssBytes").GetInt64() > 10 << 20, what);
            Assert.True(process.GetProperty("peakRssBytes").GetInt64() >= process.GetProperty("rssBytes").GetInt64(), what);
        }
    }
}
