using k8s.Models;
using SharpKube.Kubelet.Containers;
using static SharpKube.Kubelet.Tests.Containers.TestPods;

namespace SharpKube.Kubelet.Tests.Containers;

public sealed class LinuxResourcesTests
{
    private const long Gi = 1024L * 1024 * 1024;

    [Fact]
    public void ForContainer_WithRequestsAndLimits_ConvertsAsUpstream()
    {
        var container = Container("app", "cpu=250m,memory=64Mi", "cpu=500m,memory=128Mi");
        var resources = LinuxResources.ForContainer(Pod(container), container, 4 * Gi);
        Assert.Equal(256, resources.CpuShares);
        Assert.Equal(100000, resources.CpuPeriod);
        Assert.Equal(50000, resources.CpuQuota);
        Assert.Equal(128L * 1024 * 1024, resources.MemoryLimitInBytes);
        // Burstable: 1000 - 1000 * 64Mi / 4Gi = 1000 - 15 (integer division).
        Assert.Equal(985, resources.OomScoreAdj);
    }

    [Fact]
    public void ForContainer_WithoutResources_GetsMinimumSharesNoQuotaAndBestEffortScore()
    {
        var container = Container("app");
        var resources = LinuxResources.ForContainer(Pod(container), container, 4 * Gi);
        Assert.Equal(2, resources.CpuShares);
        Assert.Equal(100000, resources.CpuPeriod);
        Assert.Equal(0, resources.CpuQuota);
        Assert.Equal(0, resources.MemoryLimitInBytes);
        Assert.Equal(1000, resources.OomScoreAdj);
    }

    [Fact]
    public void ForContainer_CpuLimitWithoutRequest_TakesSharesFromTheLimit()
    {
        var container = Container("app", null, "cpu=2,memory=1Gi");
        var resources = LinuxResources.ForContainer(Pod(container), container, 4 * Gi);
        Assert.Equal(2048, resources.CpuShares);
        Assert.Equal(200000, resources.CpuQuota);
        Assert.Equal(-997, resources.OomScoreAdj);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(100, 102)]
    [InlineData(1000, 1024)]
    [InlineData(1_000_000, 262144)]
    public void MilliCpuToShares_ClampsToTheKernelRange(long milli, long shares) =>
        Assert.Equal(shares, LinuxResources.MilliCpuToShares(milli));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1000)]
    [InlineData(10, 1000)]
    [InlineData(250, 25000)]
    public void MilliCpuToQuota_HasAOneMillisecondFloor(long milli, long quota) =>
        Assert.Equal(quota, LinuxResources.MilliCpuToQuota(milli, 100000));

    [Theory]
    [InlineData("memory=1Gi", 750)]
    [InlineData("cpu=100m", 999)]
    [InlineData("memory=4Gi", 3)]
    [InlineData("memory=5Gi", 3)]
    public void ForContainer_Burstable_ScalesTheScoreByTheMemoryRequest(string requests, long score)
    {
        var container = Container("app", requests);
        Assert.Equal(score, LinuxResources.ForContainer(Pod(container), container, 4 * Gi).OomScoreAdj);
    }

    [Fact]
    public void ForContainer_NodeCriticalPod_GetsTheGuaranteedScore()
    {
        var container = Container("app", "cpu=100m");
        var pod = Pod(container);
        pod.Spec.Priority = 2000001000;
        pod.Spec.PriorityClassName = "system-node-critical";
        Assert.Equal(-997, LinuxResources.ForContainer(pod, container, 4 * Gi).OomScoreAdj);
    }

    [Fact]
    public void ForContainer_Sidecar_ScoresNoHigherThanTheSmallestRegularContainer()
    {
        var sidecar = Container("proxy", "memory=64Mi");
        sidecar.RestartPolicy = "Always";
        var pod = Pod(Container("app", "memory=1Gi"), Container("helper", "memory=2Gi"));
        pod.Spec.InitContainers = [sidecar];
        Assert.Equal(750, LinuxResources.ForContainer(pod, sidecar, 4 * Gi).OomScoreAdj);
    }

    [Fact]
    public void ForSandbox_SumsContainersAndTakesTheLargerInitContainer()
    {
        var pod = Pod(Container("a", "cpu=100m", "cpu=200m,memory=64Mi"), Container("b", "cpu=300m", "memory=64Mi"));
        pod.Spec.InitContainers = [Container("init", "cpu=1", "cpu=1")];
        var resources = LinuxResources.ForSandbox(pod);
        Assert.Equal(1024, resources.CpuShares);
        Assert.Equal(100000, resources.CpuQuota);
        Assert.Equal(128L * 1024 * 1024, resources.MemoryLimitInBytes);
    }

    [Fact]
    public void ForPodCgroup_BurstableWithAnUnlimitedContainer_LeavesMemoryAndQuotaUnset()
    {
        var pod = Pod(Container("a", "cpu=500m,memory=64Mi", "cpu=1,memory=128Mi"), Container("b", "cpu=500m"));
        var resources = LinuxResources.ForPodCgroup(pod);
        Assert.Equal(1024, resources.CpuShares);
        Assert.Equal(0, resources.CpuQuota);
        Assert.Equal(0, resources.MemoryLimitInBytes);
    }

    [Fact]
    public void ForPodCgroup_Guaranteed_SetsSharesQuotaAndMemoryIncludingOverhead()
    {
        var pod = Pod(Container("a", null, "cpu=1,memory=1Gi"), Container("b", null, "cpu=500m,memory=1Gi"));
        pod.Spec.Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("128Mi") };
        var resources = LinuxResources.ForPodCgroup(pod);
        Assert.Equal(1792, resources.CpuShares);
        Assert.Equal(175000, resources.CpuQuota);
        Assert.Equal(100000, resources.CpuPeriod);
        Assert.Equal(2 * Gi + 128L * 1024 * 1024, resources.MemoryLimitInBytes);
    }

    [Fact]
    public void ForPodCgroup_BestEffort_GetsMinimumSharesOnly()
    {
        var resources = LinuxResources.ForPodCgroup(Pod(Container("a")));
        Assert.Equal(2, resources.CpuShares);
        Assert.Equal(0, resources.CpuQuota);
        Assert.Equal(0, resources.MemoryLimitInBytes);
    }

    [Fact]
    public void Overhead_TreatsTheOverheadAsGuaranteed()
    {
        var pod = Pod(Container("a"));
        pod.Spec.Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("120Mi") };
        var overhead = LinuxResources.Overhead(pod);
        Assert.Equal(256, overhead.CpuShares);
        Assert.Equal(25000, overhead.CpuQuota);
        Assert.Equal(120L * 1024 * 1024, overhead.MemoryLimitInBytes);
    }
}
