using System.Text.Json;

namespace SharpKube.Cli.Tests.Bench;

public sealed class ApiServerBenchCommandTests
{
    [Fact]
    public async Task TinyRun_AgainstAChildProcessServer_ReportsEveryPhaseAndMissesNoWatchEvent()
    {
        var jsonPath = Path.Combine(Directory.CreateTempSubdirectory("sharpkube-cli-test-").FullName, "bench.json");
        try
        {
            var run = await CliRun.InProcessAsync(
                "bench", "apiserver", "--pods", "60", "--clients", "4", "--watchers", "10", "--watch-connections", "2",
                "--write-rate", "50", "--duration", "1s", "--list-repeats", "2", "--json", jsonPath);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("get, 4 clients", run.Output, StringComparison.Ordinal);
            Assert.Contains("upstream anchor", run.Output, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath, TestContext.Current.CancellationToken));
            var report = json.RootElement;
            Assert.Equal("apiserver", report.GetProperty("benchmark").GetString());
            Assert.Contains("--pods 60", report.GetProperty("commandLine").GetString(), StringComparison.Ordinal);
            Assert.True(report.GetProperty("machine").GetProperty("processorCount").GetInt32() > 0);
            Assert.True(report.GetProperty("httpVersions").GetProperty("HTTP/2").GetInt64() > 0);
            Assert.Equal("child-process", report.GetProperty("settings").GetProperty("serverMode").GetString());
            Assert.Equal("sqlite", report.GetProperty("settings").GetProperty("datastore").GetString());
            Assert.True(report.GetProperty("settings").GetProperty("podBytes").GetInt64() > 1000);

            var create = report.GetProperty("create").EnumerateArray().ToArray();
            Assert.Equal([1, 4], create.Select(c => c.GetProperty("clients").GetInt32()));
            Assert.Equal(60, create.Sum(c => c.GetProperty("requests").GetInt64()));
            foreach (var phase in create.Append(report.GetProperty("get")).Concat(report.GetProperty("update").EnumerateArray()))
            {
                Assert.Equal(0, phase.GetProperty("errors").GetInt64());
                Assert.True(phase.GetProperty("requestsPerSecond").GetDouble() > 0, phase.GetProperty("phase").GetString());
                Assert.Equal(JsonValueKind.Number, phase.GetProperty("serverCpuPercent").ValueKind);
                AssertSaneLatency(phase.GetProperty("latency"), phase.GetProperty("phase").GetString()!);
            }

            Assert.Equal(["update (merge patch)", "update (PUT)"], report.GetProperty("update").EnumerateArray().Select(u => u.GetProperty("phase").GetString()));
            var lists = report.GetProperty("list").EnumerateArray().ToArray();
            Assert.Equal(["json", "table"], lists.Select(l => l.GetProperty("format").GetString()));
            foreach (var list in lists)
            {
                Assert.Equal(60, list.GetProperty("items").GetInt64());
                Assert.Equal(2, list.GetProperty("latency").GetProperty("count").GetInt64());
            }

            var watch = report.GetProperty("watch");
            Assert.Equal("HTTP/2", watch.GetProperty("protocol").GetString());
            Assert.Equal(2, watch.GetProperty("connections").GetInt32());
            Assert.Equal(50, watch.GetProperty("writesAcknowledged").GetInt64());
            Assert.Equal(0, watch.GetProperty("missedEvents").GetInt64());
            Assert.Equal(0, watch.GetProperty("duplicateEvents").GetInt64());
            Assert.Equal(0, watch.GetProperty("outOfOrderEvents").GetInt64());
            Assert.Equal(10, watch.GetProperty("watchersWithEveryEvent").GetInt32());
            Assert.Equal(500, watch.GetProperty("deliveries").GetInt64());
            AssertSaneLatency(watch.GetProperty("lag"), "watch lag");

            var memory = report.GetProperty("memory");
            Assert.False(memory.GetProperty("includesClient").GetBoolean());
            Assert.True(memory.GetProperty("rssBytes").GetInt64() > 10 << 20);
            Assert.Contains(report.GetProperty("targets").EnumerateArray(), t => t.GetProperty("metric").GetString() == "watch events missed"
                && t.GetProperty("met").GetBoolean());
            Assert.Empty(report.GetProperty("problems").EnumerateArray());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(jsonPath)!, recursive: true);
        }
    }

    [Fact]
    public async Task TinyRun_InProcessWithHttp11Watchers_GivesEachWatcherItsOwnConnectionAndMissesNoEvent()
    {
        var run = await CliRun.InProcessAsync(
            "bench", "apiserver", "--in-process", "--datastore", "memory", "--pods", "20", "--clients", "2", "--watchers", "5",
            "--watch-http1", "--write-rate", "20", "--duration", "0.5s", "--list-repeats", "1");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output[run.Output.IndexOf("\n{", StringComparison.Ordinal)..]);
        var watch = json.RootElement.GetProperty("watch");
        Assert.Equal("HTTP/1.1", watch.GetProperty("protocol").GetString());
        Assert.Equal(5, watch.GetProperty("connections").GetInt32());
        Assert.Equal(0, watch.GetProperty("missedEvents").GetInt64());
        Assert.Equal(5 * watch.GetProperty("writesAcknowledged").GetInt64(), watch.GetProperty("deliveries").GetInt64());
        Assert.True(json.RootElement.GetProperty("memory").GetProperty("includesClient").GetBoolean());
        Assert.Equal("memory", json.RootElement.GetProperty("settings").GetProperty("datastore").GetString());
    }

    [Theory]
    [InlineData("--server", "https://127.0.0.1:6443", "--server needs --kubeconfig")]
    [InlineData("--duration", "0s", "--duration must be more than 0")]
    [InlineData("--pods", "1", "--pods must be between 2")]
    [InlineData("--kubeconfig", "/nonexistent/kubeconfig", "does not exist")]
    public async Task BadFlagValue_ExitsNonZeroSayingWhatIsWrong(string flag, string value, string message)
    {
        var run = await CliRun.InProcessAsync("bench", "apiserver", flag, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerThatIsNotHttps_ExitsNonZeroSayingSo()
    {
        var kubeconfig = Path.GetTempFileName();
        try
        {
            var run = await CliRun.InProcessAsync("bench", "apiserver", "--server", "http://127.0.0.1:6443", "--kubeconfig", kubeconfig);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("--server: 'http://127.0.0.1:6443' is not an https:// URL", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
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
