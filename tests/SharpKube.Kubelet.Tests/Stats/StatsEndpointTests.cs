using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SharpKube.Kubelet.Stats.Api;
using SharpKube.Kubelet.Tests.Probes;

namespace SharpKube.Kubelet.Tests.Stats;

public sealed partial class StatsEndpointTests(StatsNode node) : IClassFixture<StatsNode>
{
    private const ulong MiB = 1024 * 1024;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> GetAsync(string pathAndQuery)
    {
        using var client = node.Client();
        using var response = await client.GetAsync(new Uri(node.Url, pathAndQuery), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{pathAndQuery}: {(int)response.StatusCode} {body}");
        return body;
    }

    private async Task<Summary> SummaryAsync(string query = "") =>
        JsonSerializer.Deserialize(await GetAsync("/stats/summary" + query), StatsJsonContext.Default.Summary)!;

    private static PodStats Pod(Summary summary, string name) => Assert.Single(summary.Pods, p => p.PodRef.Name == name);

    [Fact]
    public async Task Summary_ForAPodSpinningACpu_ReportsOverAThirdOfACore()
    {
        PodStats? burner = null;
        await Eventually.TrueAsync(async () =>
        {
            burner = Pod(await SummaryAsync(), "burner");
            return burner.Containers is [{ Cpu.UsageNanoCores: > 300_000_000 }] && burner.Cpu?.UsageNanoCores > 300_000_000;
        }, "the burner uses over 0.3 core", Deadline);

        var spin = Assert.Single(burner!.Containers);
        Assert.Equal("spin", spin.Name);
        Assert.True(spin.Cpu!.UsageCoreNanoSeconds > 0);
        Assert.True(burner.Cpu!.UsageCoreNanoSeconds >= spin.Cpu.UsageCoreNanoSeconds);
    }

    [Fact]
    public async Task Summary_ForAPodHoldingMemory_ReportsAWorkingSetOfAtLeast40MiB()
    {
        PodStats? holder = null;
        await Eventually.TrueAsync(async () =>
        {
            holder = Pod(await SummaryAsync(), "holder");
            return holder.Containers is [{ Memory.WorkingSetBytes: >= 40 * MiB }];
        }, "the holder's working set reaches 40 MiB", Deadline);

        var hold = Assert.Single(holder!.Containers).Memory!;
        Assert.True(hold.RssBytes >= 40 * MiB, $"rss {hold.RssBytes}");
        Assert.True(hold.UsageBytes >= hold.WorkingSetBytes);
        Assert.True(hold.PageFaults > 0);
        Assert.Null(hold.AvailableBytes); // no limit
        Assert.True(holder.Memory!.WorkingSetBytes >= hold.WorkingSetBytes);
    }

    [Fact]
    public async Task Summary_ForTheNode_AgreesWithProcfs()
    {
        Summary summary = null!;
        await Eventually.TrueAsync(async () =>
        {
            summary = await SummaryAsync();
            return Pod(summary, "holder").Memory?.WorkingSetBytes >= 40 * MiB;
        }, "the holder holds its memory", Deadline);
        var meminfo = File.ReadAllLines("/proc/meminfo").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(f => f[0].TrimEnd(':'), f => ulong.Parse(f[1], CultureInfo.InvariantCulture) * 1024);

        var memory = summary.Node.Memory!;
        var usage = meminfo["MemTotal"] - meminfo["MemFree"];
        // Other work on the machine moves memory between the two readings: a generous band, not equality.
        Assert.InRange((double)memory.UsageBytes!.Value, usage - 512.0 * MiB, usage + 512.0 * MiB);
        Assert.InRange((double)memory.WorkingSetBytes!.Value, usage - meminfo["Inactive(file)"] - 512.0 * MiB, usage + 512.0 * MiB);
        Assert.Equal(meminfo["MemTotal"], memory.AvailableBytes + memory.WorkingSetBytes);
        Assert.Equal("stats-node", summary.Node.NodeName);
        Assert.True(summary.Node.Cpu!.UsageCoreNanoSeconds > 0);
        var btime = File.ReadLines("/proc/stat").Single(l => l.StartsWith("btime ", StringComparison.Ordinal))[6..];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(long.Parse(btime, CultureInfo.InvariantCulture)), summary.Node.StartTime);
        Assert.Equal(long.Parse(File.ReadAllText("/proc/sys/kernel/pid_max"), CultureInfo.InvariantCulture), summary.Node.Rlimit!.Maxpid);
        Assert.True(summary.Node.Rlimit.Curproc > 0);
        var fs = summary.Node.Fs!;
        Assert.True(fs.CapacityBytes > fs.UsedBytes && fs.UsedBytes > 0 && fs.AvailableBytes <= fs.CapacityBytes - fs.UsedBytes);
        Assert.True(fs.Inodes > fs.InodesUsed && fs.InodesUsed > 0);
        Assert.True(summary.Node.Runtime!.ImageFs!.UsedBytes > 0, "the images take room");
        Assert.NotNull(summary.Node.Network);
        Assert.Contains(summary.Node.SystemContainers!, c => c.Name == "pods" && c.Memory!.WorkingSetBytes >= 40 * MiB);
    }

    [Fact]
    public async Task Summary_ForAPod_NamesItAndReportsItsLogsVolumesAndNetwork()
    {
        PodStats? holder = null;
        await Eventually.TrueAsync(async () =>
        {
            holder = Pod(await SummaryAsync(), "holder");
            return holder.Containers is [{ Logs.UsedBytes: > 0 }];
        }, "the holder's log line is counted", Deadline);

        Assert.Equal(new PodReference { Name = "holder", Namespace = "stats", Uid = StatsNode.HolderUid }, holder!.PodRef);
        var hold = Assert.Single(holder.Containers);
        Assert.Equal("hold", hold.Name);
        Assert.InRange(hold.StartTime, holder.StartTime, DateTimeOffset.UtcNow);
        var cache = Assert.Single(holder.Volume!);
        Assert.Equal("cache", cache.Name);
        Assert.True(cache.UsedBytes >= MiB && cache.InodesUsed >= 2 && cache.CapacityBytes > 0);
        Assert.Equal(cache.UsedBytes + hold.Logs!.UsedBytes, holder.EphemeralStorage!.UsedBytes);
        Assert.NotEmpty(holder.Network!.Interfaces);
        Assert.DoesNotContain(holder.Network.Interfaces, i => i.Name == "lo");
    }

    [Fact]
    public async Task Summary_WithOnlyCpuAndMemory_LeavesOutNetworkFilesystemsAndLimits()
    {
        var summary = await SummaryAsync("?only_cpu_and_memory=true");

        Assert.NotNull(summary.Node.Memory);
        Assert.Null(summary.Node.Network);
        Assert.Null(summary.Node.Fs);
        Assert.Null(summary.Node.Rlimit);
        var holder = Pod(summary, "holder");
        Assert.NotNull(holder.Memory);
        Assert.Null(holder.Volume);
        Assert.Null(holder.EphemeralStorage);
        Assert.All(holder.Containers, c => Assert.Null(c.Logs));
    }

    [Fact]
    public async Task Summary_Json_UsesUpstreamNamesAndWholeSecondUtcTimes()
    {
        using var json = JsonDocument.Parse(await GetAsync("/stats/summary"));

        var root = json.RootElement;
        Assert.Equal("stats-node", root.GetProperty("node").GetProperty("nodeName").GetString());
        var holder = root.GetProperty("pods").EnumerateArray().Single(p => p.GetProperty("podRef").GetProperty("name").GetString() == "holder");
        Assert.True(holder.TryGetProperty("ephemeral-storage", out _));
        Assert.True(holder.GetProperty("memory").TryGetProperty("workingSetBytes", out _));
        Assert.True(holder.GetProperty("cpu").TryGetProperty("usageCoreNanoSeconds", out _));
        Assert.Matches(RfcTime(), holder.GetProperty("startTime").GetString()!);
        Assert.Matches(RfcTime(), root.GetProperty("node").GetProperty("memory").GetProperty("time").GetString()!);
    }

    [Fact]
    public async Task ResourceMetrics_GiveTheRunningPodsInPrometheusText()
    {
        Dictionary<string, (double Value, long Timestamp)> samples = [];
        await Eventually.TrueAsync(async () =>
        {
            samples = ParsePrometheus(await GetAsync("/metrics/resource"));
            return samples.GetValueOrDefault("container_memory_working_set_bytes{container=\"hold\",namespace=\"stats\",pod=\"holder\"}").Value >= 40 * MiB;
        }, "the holder's working set shows", Deadline);

        Assert.True(samples["container_cpu_usage_seconds_total{container=\"spin\",namespace=\"stats\",pod=\"burner\"}"].Value > 0);
        Assert.True(samples["pod_cpu_usage_seconds_total{namespace=\"stats\",pod=\"burner\"}"].Value > 0);
        Assert.True(samples["pod_memory_working_set_bytes{namespace=\"stats\",pod=\"holder\"}"].Value >= 40 * MiB);
        Assert.True(samples["node_cpu_usage_seconds_total"].Value > 0);
        Assert.True(samples["node_memory_working_set_bytes"].Value > 40 * MiB);
        var started = samples["container_start_time_seconds{container=\"hold\",namespace=\"stats\",pod=\"holder\"}"].Value;
        Assert.InRange(started, DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(0, samples["resource_scrape_error"].Value);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.All(samples.Where(s => s.Key.Contains('{', StringComparison.Ordinal)), s => Assert.InRange(s.Value.Timestamp, now - 60_000, now + 1_000));
    }

    [Theory]
    [InlineData("/stats/summary")]
    [InlineData("/metrics/resource")]
    public async Task Stats_WithoutAClientCertificate_AreUnauthorized(string path)
    {
        using var client = Server.KubeletServerFixture.Client(null);

        using var response = await client.GetAsync(new Uri(node.Url, path), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The text format's samples, keyed by name and labels; a missing timestamp reads as 0. Fails on a line it cannot read.</summary>
    private static Dictionary<string, (double Value, long Timestamp)> ParsePrometheus(string text)
    {
        var samples = new Dictionary<string, (double, long)>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            var match = SampleLine().Match(line);
            Assert.True(match.Success, "Not a sample line: " + line);
            samples[match.Groups["series"].Value] = (double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture),
                match.Groups["ts"].Success ? long.Parse(match.Groups["ts"].Value, CultureInfo.InvariantCulture) : 0);
        }
        return samples;
    }

    [GeneratedRegex(@"^(?<series>[a-z_]+(\{[^}]*\})?) (?<value>[-+0-9.eE]+)( (?<ts>\d+))?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    private static partial Regex RfcTime();
}
