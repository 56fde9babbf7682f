using SharpKube.Kubelet.Stats;

namespace SharpKube.Kubelet.Tests.Stats;

public sealed class CgroupReaderTests
{
    private const string V1Unlimited = "9223372036854771712\n";
    private const ulong MiB = 1024 * 1024;

    private static TempTree V1Pod(string limit) => new TempTree()
        .Write("cpuacct/kubepods/podA/cpuacct.usage", "123456789\n")
        .Write("memory/kubepods/podA/memory.usage_in_bytes", $"{100 * MiB}\n")
        .Write("memory/kubepods/podA/memory.limit_in_bytes", limit)
        // The local figures differ from the total_ ones: only the hierarchical ones describe the pod with its containers.
        .Write("memory/kubepods/podA/memory.stat",
            $"cache 1\nrss 2\ninactive_file 3\npgfault 4\npgmajfault 5\ntotal_cache {40 * MiB}\ntotal_rss {60 * MiB}\n" +
            $"total_inactive_file {30 * MiB}\ntotal_pgfault 1000\ntotal_pgmajfault 7\n")
        .Write("memory/kubepods/podA/cgroup.procs", "4242\n4243\n")
        .Write("memory/kubepods/podA/c1/memory.usage_in_bytes", "0\n");

    private static TempTree V2Pod(string max) => new TempTree()
        .Write("cgroup.controllers", "cpuset cpu io memory pids\n")
        .Write("kubepods/podA/cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n")
        .Write("kubepods/podA/memory.current", $"{100 * MiB}\n")
        .Write("kubepods/podA/memory.max", max)
        .Write("kubepods/podA/memory.stat", $"anon {60 * MiB}\nfile {40 * MiB}\ninactive_file {30 * MiB}\npgfault 1000\npgmajfault 7\n")
        .Write("kubepods/podA/cgroup.procs", "")
        .Write("kubepods/podA/c1/memory.current", "0\n");

    [Fact]
    public void CpuUsage_OnV1_IsCpuacctUsageInNanoseconds()
    {
        using var tree = V1Pod(V1Unlimited);
        var reader = new CgroupReader(tree.Root);

        Assert.False(reader.IsUnified);
        Assert.Equal(123456789UL, reader.CpuUsageNanoseconds("/kubepods/podA"));
    }

    [Fact]
    public void CpuUsage_OnV2_IsCpuStatUsageMicrosecondsInNanoseconds()
    {
        using var tree = V2Pod("max\n");
        var reader = new CgroupReader(tree.Root);

        Assert.True(reader.IsUnified);
        Assert.Equal(1_500_000UL, reader.CpuUsageNanoseconds("/kubepods/podA"));
    }

    [Fact]
    public void Memory_OnV1_UsesTheHierarchicalFiguresAndLeavesOutInactiveFilePagesFromTheWorkingSet()
    {
        using var tree = V1Pod(V1Unlimited);

        var memory = new CgroupReader(tree.Root).Memory("/kubepods/podA");

        Assert.Equal(new CgroupMemory(100 * MiB, 70 * MiB, 60 * MiB, 1000, 7, null), memory);
    }

    [Fact]
    public void Memory_OnV2_ReadsCurrentAndTheAnonAndInactiveFileStats()
    {
        using var tree = V2Pod("max\n");

        var memory = new CgroupReader(tree.Root).Memory("/kubepods/podA");

        Assert.Equal(new CgroupMemory(100 * MiB, 70 * MiB, 60 * MiB, 1000, 7, null), memory);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Memory_WithALimit_ReportsItAndWhatTheWorkingSetLeavesOfIt(bool unified)
    {
        using var tree = unified ? V2Pod($"{256 * MiB}\n") : V1Pod($"{256 * MiB}\n");

        var memory = new CgroupReader(tree.Root).Memory("/kubepods/podA")!.Value;

        Assert.Equal(256 * MiB, memory.LimitBytes);
        Assert.Equal(186 * MiB, memory.ToApi(DateTimeOffset.UnixEpoch).AvailableBytes);
    }

    [Fact]
    public void Memory_WhenInactiveFilePagesExceedUsage_HasAZeroWorkingSet()
    {
        using var tree = new TempTree()
            .Write("cgroup.controllers", "memory\n")
            .Write("pod/memory.current", "4096\n")
            .Write("pod/memory.stat", "inactive_file 8192\n");

        Assert.Equal(0UL, new CgroupReader(tree.Root).Memory("/pod")!.Value.WorkingSetBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Figures_OfACgroupThatIsGone_AreNull(bool unified)
    {
        using var tree = unified ? V2Pod("max\n") : V1Pod(V1Unlimited);
        var reader = new CgroupReader(tree.Root);

        Assert.False(reader.Exists("/kubepods/podB"));
        Assert.Null(reader.CpuUsageNanoseconds("/kubepods/podB"));
        Assert.Null(reader.Memory("/kubepods/podB"));
        Assert.Null(reader.FirstProcess("/kubepods/podB"));
        Assert.Empty(reader.Children("/kubepods/podB"));
    }

    [Fact]
    public void ChildrenAndFirstProcess_OnV1_AreReadFromTheMemoryHierarchy()
    {
        using var tree = V1Pod(V1Unlimited);
        var reader = new CgroupReader(tree.Root);

        Assert.True(reader.Exists("/kubepods/podA"));
        Assert.Equal(["c1"], reader.Children("/kubepods/podA"));
        Assert.Equal(4242, reader.FirstProcess("/kubepods/podA"));
    }

    [Fact]
    public void FirstProcess_OfAnEmptyCgroup_IsNull()
    {
        using var tree = V2Pod("max\n");

        Assert.Null(new CgroupReader(tree.Root).FirstProcess("/kubepods/podA"));
    }
}
