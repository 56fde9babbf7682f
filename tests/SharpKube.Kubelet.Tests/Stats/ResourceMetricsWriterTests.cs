using SharpKube.Kubelet.Stats;
using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Tests.Stats;

public sealed class ResourceMetricsWriterTests
{
    private static readonly DateTimeOffset ReadAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    private static Summary OnePod(string podName) => new()
    {
        Node = new NodeStats
        {
            NodeName = "node-1",
            StartTime = DateTimeOffset.UnixEpoch,
            Cpu = new CpuStats { Time = ReadAt, UsageCoreNanoSeconds = 2_500_000_000 },
            Memory = new MemoryStats { Time = ReadAt, WorkingSetBytes = 1024 },
        },
        Pods =
        [
            new PodStats
            {
                PodRef = new PodReference { Name = podName, Namespace = "default", Uid = "u1" },
                StartTime = DateTimeOffset.FromUnixTimeSeconds(1_699_999_000),
                Cpu = new CpuStats { Time = ReadAt, UsageCoreNanoSeconds = 1_000_000 },
                Memory = new MemoryStats { Time = ReadAt, WorkingSetBytes = 4096 },
                Containers =
                [
                    new ContainerStats
                    {
                        Name = "app",
                        StartTime = DateTimeOffset.FromUnixTimeSeconds(1_699_999_001),
                        Cpu = new CpuStats { Time = ReadAt, UsageCoreNanoSeconds = 500_000 },
                        Memory = new MemoryStats { Time = ReadAt, WorkingSetBytes = 2048 },
                    },
                ],
            },
        ],
    };

    [Fact]
    public void Write_GivesEveryFigureUnderItsUpstreamNameWithTheReadTimeInMilliseconds()
    {
        var lines = ResourceMetricsWriter.Write(OnePod("web")).Split('\n');

        Assert.Contains("container_cpu_usage_seconds_total{container=\"app\",namespace=\"default\",pod=\"web\"} 0.0005 1700000000123", lines);
        Assert.Contains("container_memory_working_set_bytes{container=\"app\",namespace=\"default\",pod=\"web\"} 2048 1700000000123", lines);
        Assert.Contains("container_start_time_seconds{container=\"app\",namespace=\"default\",pod=\"web\"} 1699999001 1700000000123", lines);
        Assert.Contains("node_cpu_usage_seconds_total 2.5 1700000000123", lines);
        Assert.Contains("node_memory_working_set_bytes 1024 1700000000123", lines);
        Assert.Contains("pod_cpu_usage_seconds_total{namespace=\"default\",pod=\"web\"} 0.001 1700000000123", lines);
        Assert.Contains("pod_memory_working_set_bytes{namespace=\"default\",pod=\"web\"} 4096 1700000000123", lines);
        Assert.Contains("resource_scrape_error 0", lines);
        Assert.Contains("# TYPE container_cpu_usage_seconds_total counter", lines);
        Assert.Contains("# TYPE pod_memory_working_set_bytes gauge", lines);
    }

    [Fact]
    public void Write_EscapesLabelValues()
    {
        var text = ResourceMetricsWriter.Write(OnePod("we\"b\\x"));

        Assert.Contains("pod=\"we\\\"b\\\\x\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithoutASummary_ReportsAScrapeErrorAndNoSamples()
    {
        var lines = ResourceMetricsWriter.Write(null).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("resource_scrape_error 1", lines);
        Assert.All(lines.Where(l => !l.StartsWith('#')), l => Assert.Contains("scrape_error 1", l, StringComparison.Ordinal));
    }
}
