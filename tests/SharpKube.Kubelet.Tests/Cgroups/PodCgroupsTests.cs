using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Kubelet.Cgroups;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Tests.Cgroups;

/// <summary>
/// Pod cgroups in the machine's real cgroup v1 hierarchies (the tests run as root), each under a pod uid of its own;
/// whatever a test creates is removed again, deepest first, in every hierarchy.
/// </summary>
public sealed class PodCgroupsTests : IDisposable
{
    private const string Root = PodCgroups.DefaultRoot;

    private readonly string _uid = Guid.NewGuid().ToString();
    private readonly PodCgroups _cgroups = new(Root, NullLogger.Instance);

    private string Parent => $"/kubepods/besteffort/pod{_uid}";

    [Fact]
    public void Create_WithLimits_WritesThemToTheCpuAndMemoryHierarchies()
    {
        _cgroups.Create(Parent, new LinuxContainerResources
        {
            CpuShares = 512,
            CpuPeriod = 100_000,
            CpuQuota = 50_000,
            MemoryLimitInBytes = 64L * 1024 * 1024,
        });

        Assert.Equal("512", Read("cpu", "cpu.shares"));
        Assert.Equal("100000", Read("cpu", "cpu.cfs_period_us"));
        Assert.Equal("50000", Read("cpu", "cpu.cfs_quota_us"));
        Assert.Equal((64L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), Read("memory", "memory.limit_in_bytes"));
    }

    [Fact]
    public void Create_WithoutLimits_LeavesTheQuotaUnlimited()
    {
        _cgroups.Create(Parent, new LinuxContainerResources { CpuShares = 2 });

        Assert.Equal("2", Read("cpu", "cpu.shares"));
        Assert.Equal("-1", Read("cpu", "cpu.cfs_quota_us"));
        Assert.True(long.Parse(Read("memory", "memory.limit_in_bytes"), System.Globalization.CultureInfo.InvariantCulture) > 1L << 40);
    }

    [Fact]
    public void Create_Twice_KeepsTheCgroupAndTakesTheNewLimits()
    {
        _cgroups.Create(Parent, new LinuxContainerResources { CpuShares = 100 });
        _cgroups.Create(Parent, new LinuxContainerResources { CpuShares = 300 });

        Assert.Equal("300", Read("cpu", "cpu.shares"));
    }

    [Fact]
    public void PodUids_ListsTheCreatedPod()
    {
        Assert.DoesNotContain(_uid, _cgroups.PodUids());

        _cgroups.Create(Parent, new LinuxContainerResources { CpuShares = 2 });

        Assert.Contains(_uid, _cgroups.PodUids());
    }

    [Fact]
    public void Remove_TakesThePodCgroupAndItsChildrenOutOfEveryV1Hierarchy()
    {
        _cgroups.Create(Parent, new LinuxContainerResources { CpuShares = 2 });
        // As the runtime leaves it: the pod's cgroup in the other hierarchies too, with a container's cgroup inside.
        foreach (var hierarchy in new[] { "cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "devices", "freezer" })
        {
            Directory.CreateDirectory(Path.Combine(PodDir(hierarchy), "container-1"));
        }

        Assert.True(_cgroups.Remove(_uid));

        foreach (var hierarchy in new[] { "cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "devices", "freezer" })
        {
            Assert.False(Directory.Exists(PodDir(hierarchy)), hierarchy);
        }
        Assert.DoesNotContain(_uid, _cgroups.PodUids());
    }

    [Fact]
    public void Remove_TakesThePodCgroupOutOfTheSystemdAndUnifiedHierarchies()
    {
        foreach (var hierarchy in new[] { "systemd", "unified" })
        {
            Directory.CreateDirectory(Path.Combine(PodDir(hierarchy), "container-1"));
        }

        Assert.True(_cgroups.Remove(_uid));

        Assert.False(Directory.Exists(PodDir("systemd")));
        Assert.False(Directory.Exists(PodDir("unified")));
    }

    [Fact]
    public void Remove_WithAProcessStillInside_ReportsBusyAndLeavesIt()
    {
        _cgroups.Create(Parent, new LinuxContainerResources { CpuShares = 2 });
        using var sleeper = System.Diagnostics.Process.Start("/bin/busybox", "sleep 60");
        try
        {
            File.WriteAllText(Path.Combine(PodDir("cpu"), "cgroup.procs"), sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.False(_cgroups.Remove(_uid));
            Assert.True(Directory.Exists(PodDir("cpu")));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
        Assert.True(_cgroups.Remove(_uid));
    }

    [Fact]
    public void Remove_OfAnUnknownPod_IsDone() => Assert.True(_cgroups.Remove(_uid));

    /// <summary>Removes what a test left, children first, in every hierarchy (also the ones Remove does not cover).</summary>
    public void Dispose()
    {
        foreach (var hierarchy in Directory.EnumerateDirectories(Root))
        {
            var pod = Path.Combine(hierarchy, "kubepods", "besteffort", "pod" + _uid);
            if (Directory.Exists(pod))
            {
                foreach (var child in Directory.EnumerateDirectories(pod))
                {
                    Directory.Delete(child);
                }
                Directory.Delete(pod);
            }
        }
    }

    private string PodDir(string hierarchy) => Path.Combine(Root, hierarchy, "kubepods", "besteffort", "pod" + _uid);

    private string Read(string hierarchy, string file) => File.ReadAllText(Path.Combine(PodDir(hierarchy), file)).Trim();
}
