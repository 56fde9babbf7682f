using System.Text.Json;

namespace SharpKube.Cli.Tests.Bench;

public sealed class StorageBenchCommandTests
{
    [Fact]
    public async Task MemoryDriver_WritesAReportWithEveryMetric()
    {
        var jsonPath = Path.Combine(Directory.CreateTempSubdirectory("sharpkube-cli-test-").FullName, "bench.json");
        try
        {
            var run = await CliRun.InProcessAsync(
                "bench", "storage", "--driver", "memory", "--duration", "1", "--writers", "4", "--json", jsonPath);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("create, 4 writers: ops/s", run.Output, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, TestContext.Current.CancellationToken));
            var report = json.RootElement;
            Assert.Equal("storage", report.GetProperty("benchmark").GetString());
            Assert.Contains("--driver memory", report.GetProperty("commandLine").GetString(), StringComparison.Ordinal);
            var machine = report.GetProperty("machine");
            Assert.True(machine.GetProperty("processorCount").GetInt32() > 0);
            Assert.False(string.IsNullOrEmpty(machine.GetProperty("os").GetString()));
            Assert.StartsWith(".NET", machine.GetProperty("dotnetVersion").GetString(), StringComparison.Ordinal);

            var driver = Assert.Single(report.GetProperty("drivers").EnumerateArray());
            Assert.Equal("memory", driver.GetProperty("driver").GetString());
            foreach (var phase in new[] { "create", "update" })
            {
                var levels = driver.GetProperty(phase).EnumerateArray().ToArray();
                Assert.Equal([1, 4], levels.Select(l => l.GetProperty("writers").GetInt32()));
                foreach (var level in levels)
                {
                    Assert.True(level.GetProperty("opsPerSecond").GetDouble() > 0, $"{phase} throughput");
                    AssertSaneLatency(level.GetProperty("latency"), phase);
                }
            }

            AssertSaneLatency(driver.GetProperty("get").GetProperty("latency"), "get");
            AssertSaneLatency(driver.GetProperty("list").GetProperty("latency"), "list");

            var watch = driver.GetProperty("watch");
            Assert.Equal(100, watch.GetProperty("watchers").GetInt32());
            Assert.True(watch.GetProperty("eventsWritten").GetInt64() > 0);
            Assert.Equal(watch.GetProperty("eventsWritten").GetInt64(), watch.GetProperty("eventsPerWatcherMin").GetInt64());
            Assert.True(watch.GetProperty("everyWatcherSawEveryRevision").GetBoolean());
            AssertSaneLatency(watch.GetProperty("lag"), "watch lag");

            var compaction = driver.GetProperty("compaction");
            Assert.True(compaction.GetProperty("revision").GetInt64() > 0);
            Assert.True(compaction.GetProperty("durationMs").GetDouble() >= 0);
            Assert.True(compaction.GetProperty("writesDuring").GetInt64() > 0);
            Assert.True(compaction.GetProperty("pauseMs").GetDouble() >= compaction.GetProperty("p99DuringMs").GetDouble());
            Assert.True(compaction.GetProperty("p99DuringMs").GetDouble() >= compaction.GetProperty("p50DuringMs").GetDouble());
            Assert.Equal(JsonValueKind.Null, driver.GetProperty("dbSizeBytes").ValueKind);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(jsonPath)!, recursive: true);
        }
    }

    [Fact]
    public async Task UnknownDriver_ExitsNonZeroWithAOneLineMessageAndNoStackTrace()
    {
        var run = await CliRun.AsProcessAsync("bench", "storage", "--driver", "nosuch");

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unknown driver 'nosuch'", line, StringComparison.Ordinal);
        Assert.Empty(run.Output.Trim());
    }

    [Fact]
    public async Task EtcdThatCannotBeReached_FailsWithOneLineNamingTheDriver()
    {
        // Port 1 on loopback refuses connections.
        var run = await CliRun.InProcessAsync(
            "bench", "storage", "--driver", "etcd", "--etcd-endpoints", "http://127.0.0.1:1", "--duration", "1");

        Assert.Equal(1, run.ExitCode);
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('[')).ToArray();
        var line = Assert.Single(errors);
        Assert.StartsWith("error: etcd: ", line, StringComparison.Ordinal);
        Assert.Contains("cannot reach etcd", line, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bat \S+\.\S+\(", line);
    }

    [Fact]
    public async Task OneDriverFailing_StillReportsTheOthersAndExitsOne()
    {
        var run = await CliRun.InProcessAsync(
            "bench", "storage", "--driver", "memory,etcd", "--etcd-endpoints", "http://127.0.0.1:1",
            "--duration", "0.2", "--writers", "2", "--watchers", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: etcd: ", run.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Output[run.Output.IndexOf('{', StringComparison.Ordinal)..]);
        var measured = Assert.Single(json.RootElement.GetProperty("drivers").EnumerateArray());
        Assert.Equal("memory", measured.GetProperty("driver").GetString());
        var failure = Assert.Single(json.RootElement.GetProperty("failures").EnumerateArray());
        Assert.Equal("etcd", failure.GetProperty("driver").GetString());
    }

    [Theory]
    [InlineData("--writers", "0", "--writers must be between 1 and 1024")]
    [InlineData("--duration", "soon", "Cannot parse argument 'soon' for option '--duration'")]
    [InlineData("--duration", "0", "--duration must be more than 0")]
    [InlineData("--value-size", "0", "--value-size must be between 1")]
    [InlineData("--etcd-endpoints", "127.0.0.1:2379", "is not an http:// or https:// URL")]
    public async Task BadFlagValue_ExitsNonZeroSayingWhatIsWrong(string flag, string value, string message)
    {
        var run = await CliRun.InProcessAsync("bench", "storage", "--driver", "memory", flag, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private static void AssertSaneLatency(JsonElement latency, string what)
    {
        Assert.True(latency.GetProperty("count").GetInt64() > 0, $"{what}: no samples");
        var p50 = latency.GetProperty("p50Ms").GetDouble();
        var p99 = latency.GetProperty("p99Ms").GetDouble();
        var max = latency.GetProperty("maxMs").GetDouble();
        Assert.True(p50 >= 0, $"{what}: p50 {p50}");
        Assert.True(p99 >= p50, $"{what}: p99 {p99} < p50 {p50}");
        Assert.True(max >= p99, $"{what}: max {max} < p99 {p99}");
    }
}
