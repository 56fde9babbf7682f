using System.Text.Json;

namespace SharpKube.Cli.Tests.Bench;

[Collection(PodStartupBenchCollection.Name)]
public sealed class PodStartupBenchCommandTests
{
    [Fact]
    public async Task TinyRun_StartsEveryPodOnARealNode_ReportsEveryFigure_AndLeavesNothingBehind()
    {
        var dataDir = Directory.CreateTempSubdirectory("skbt-").FullName;
        var jsonPath = Path.Combine(Directory.CreateTempSubdirectory("sharpkube-cli-test-").FullName, "bench.json");
        try
        {
            var run = await CliRun.InProcessAsync("bench", "pod-startup", "--pods", "3", "--timeout", "120", "--data-dir", dataDir, "--json", jsonPath);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("create → Running and Ready", run.Output, StringComparison.Ordinal);
            Assert.Contains("upstream limit", run.Output, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, TestContext.Current.CancellationToken));
            var report = json.RootElement;
            Assert.Equal("pod-startup", report.GetProperty("benchmark").GetString());
            Assert.Contains("--pods 3", report.GetProperty("commandLine").GetString(), StringComparison.Ordinal);
            Assert.Contains("sharpkube kubelet child process", report.GetProperty("kubelet").GetString(), StringComparison.Ordinal);
            Assert.Contains("sharpkube server child process", report.GetProperty("controlPlane").GetString(), StringComparison.Ordinal);
            Assert.True(report.GetProperty("nodeReadySeconds").GetDouble() > 0);

            AssertPhase(report.GetProperty("singlePod"), 1);
            var batch = report.GetProperty("batch");
            AssertPhase(batch, 3);
            var kubelet = batch.GetProperty("kubelet");
            Assert.True(kubelet.GetProperty("rssBytes").GetInt64() > 10 << 20, "the kubelet's RSS is read");
            Assert.True(kubelet.GetProperty("peakRssBytes").GetInt64() >= kubelet.GetProperty("rssBytes").GetInt64());
            Assert.True(kubelet.GetProperty("cpuSeconds").GetDouble() > 0, "the kubelet's CPU time is read");
            Assert.True(report.GetProperty("kubeletIdleRssBytes").GetInt64() > 10 << 20);

            var operations = report.GetProperty("criOperations");
            foreach (var operation in new[] { "run_podsandbox", "create_container", "start_container" })
            {
                Assert.True(operations.GetProperty(operation).GetProperty("count").GetInt64() >= 4, $"{operation}: one for the single pod and one per batch pod");
                Assert.True(operations.GetProperty(operation).GetProperty("meanMs").GetDouble() > 0, operation);
            }

            Assert.Equal(20, report.GetProperty("upstream").GetProperty("p99Seconds").GetDouble());
            Assert.Equal(150, report.GetProperty("targets").GetProperty("overheadP99Ms").GetDouble());

            Assert.False(Directory.Exists("/sys/class/net/skbench0"), "the benchmark's pod bridge is removed");
            Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), line => line.Split(' ')[4].StartsWith(dataDir + "/", StringComparison.Ordinal));
            Assert.Empty(ProcessesMentioning(dataDir + "/"));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
            Directory.Delete(Path.GetDirectoryName(jsonPath)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("--pods", "0", "--pods must be between 1")]
    [InlineData("--pods", "111", "--pods must be between 1")]
    [InlineData("--timeout", "0", "--timeout must be between 1")]
    public async Task BadFlagValue_ExitsNonZeroSayingWhatIsWrong(string flag, string value, string message)
    {
        var run = await CliRun.InProcessAsync("bench", "pod-startup", flag, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private static void AssertPhase(JsonElement phase, int pods)
    {
        Assert.Equal(pods, phase.GetProperty("pods").GetInt32());
        var latency = phase.GetProperty("createToRunning");
        Assert.Equal(pods, latency.GetProperty("count").GetInt64());
        Assert.True(latency.GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(phase.GetProperty("allRunningSeconds").GetDouble() > 0);
        var scheduled = phase.GetProperty("createToScheduled");
        Assert.Equal(pods, scheduled.GetProperty("count").GetInt64());
        Assert.True(scheduled.GetProperty("maxMs").GetDouble() <= latency.GetProperty("maxMs").GetDouble());
        var cri = phase.GetProperty("criTimePerPod");
        Assert.Equal(pods, cri.GetProperty("count").GetInt64());
        Assert.True(cri.GetProperty("p50Ms").GetDouble() > 0);
        // At least RunPodSandbox, CreateContainer and StartContainer for each pod.
        Assert.True(phase.GetProperty("criCallsPerPod").GetDouble() >= 3);
        var seenToRunning = phase.GetProperty("kubeletSeenToRunning");
        Assert.Equal(pods, seenToRunning.GetProperty("count").GetInt64());
        // The kubelet sees a pod after its create and writes it Running before the watch delivers that.
        Assert.True(seenToRunning.GetProperty("maxMs").GetDouble() <= latency.GetProperty("maxMs").GetDouble());
        Assert.True(seenToRunning.GetProperty("maxMs").GetDouble() >= cri.GetProperty("maxMs").GetDouble() - 1);
        Assert.Equal(pods, phase.GetProperty("kubeletOverhead").GetProperty("count").GetInt64());
    }

    private static List<int> ProcessesMentioning(string text) =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && CommandLine(pid).Contains(text, StringComparison.Ordinal)),
    ];

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }
}
