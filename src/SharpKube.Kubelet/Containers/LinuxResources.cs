using k8s.Models;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// Kubernetes resource requests and limits turned into the cgroup values CRI carries, with upstream's arithmetic: cpu
/// shares from the cpu request, a CFS quota from the cpu limit over a 100 ms period, the memory limit in bytes, and the
/// container's <c>oom_score_adj</c> from the pod's QoS class.
/// </summary>
/// <remarks>
/// Deliberate differences: the CFS quota is always enforced (upstream's <c>--cpu-cfs-quota=false</c> is not offered), no
/// hugepage limits, no swap limit (upstream sets <c>memory_swap_limit_in_bytes</c> equal to the memory limit on cgroup v1
/// hosts with swap accounting; containerd then does the same by default), no cgroup v2 <c>unified</c> settings.
/// </remarks>
public static class LinuxResources
{
    /// <summary>The fewest cpu shares the kernel accepts; a container without a cpu request gets these.</summary>
    public const long MinShares = 2;

    /// <summary>The most cpu shares the kernel accepts.</summary>
    public const long MaxShares = 262144;

    /// <summary>The CFS period the kubelet uses, in microseconds (100 ms).</summary>
    public const long QuotaPeriod = 100000;

    /// <summary>The smallest CFS quota the kernel accepts, in microseconds (1 ms).</summary>
    public const long MinQuota = 1000;

    /// <summary>
    /// The resources of <paramref name="container"/> in <paramref name="pod"/>, for <c>ContainerConfig.linux.resources</c>.
    /// <paramref name="nodeMemoryCapacity"/> (bytes) scales a Burstable container's OOM score.
    /// </summary>
    public static LinuxContainerResources ForContainer(V1Pod pod, V1Container container, long nodeMemoryCapacity)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        decimal? cpuRequest = requests is not null && requests.TryGetValue("cpu", out var request) && request is not null ? request.ToDecimal() : null;
        var resources = Calculate(cpuRequest, Quantity(limits, "cpu"), Quantity(limits, "memory"));
        resources.OomScoreAdj = OomScoreAdjust.ForContainer(pod, container, nodeMemoryCapacity);
        return resources;
    }

    /// <summary>
    /// The pod's summed resources, for <c>PodSandboxConfig.linux.resources</c>: as upstream, the effective requests and
    /// limits of all containers without the overhead. Runtimes use it for accounting; the pod cgroup is set from
    /// <see cref="ForPodCgroup"/>.
    /// </summary>
    public static LinuxContainerResources ForSandbox(V1Pod pod)
    {
        var requests = PodResourceTotals.Requests(pod);
        var limits = PodResourceTotals.Limits(pod);
        decimal? cpuRequest = requests.TryGetValue("cpu", out var cpu) ? cpu : null;
        return Calculate(cpuRequest, limits.GetValueOrDefault("cpu"), limits.GetValueOrDefault("memory"));
    }

    /// <summary>
    /// The pod's overhead (<c>spec.overhead</c>), for <c>PodSandboxConfig.linux.overhead</c>: treated as guaranteed, its
    /// request is its limit. Empty when the pod declares no overhead, as upstream sends it.
    /// </summary>
    public static LinuxContainerResources Overhead(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Spec?.Overhead is not { } overhead)
        {
            return new LinuxContainerResources();
        }
        var cpu = Quantity(overhead, "cpu");
        return Calculate(cpu, cpu, Quantity(overhead, "memory"));
    }

    /// <summary>
    /// The values for the pod's own cgroup (<c>/kubepods/…/pod&lt;uid&gt;</c>), as upstream's pod container manager sets
    /// them: cpu shares from the summed requests; a CFS quota only when every container limits cpu, a memory limit only
    /// when every container limits memory (always for Guaranteed pods); BestEffort pods get the minimum shares only.
    /// Overhead counts. Zero means "leave unset".
    /// </summary>
    public static LinuxContainerResources ForPodCgroup(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var qos = QosClass.Of(pod);
        if (qos == PodQosClass.BestEffort)
        {
            return new LinuxContainerResources { CpuShares = MinShares };
        }
        var requests = PodResourceTotals.Requests(pod);
        var limits = PodResourceTotals.Limits(pod);
        var overhead = pod.Spec?.Overhead;
        var cpuRequest = requests.GetValueOrDefault("cpu") + Quantity(overhead, "cpu");
        var cpuLimit = limits.GetValueOrDefault("cpu") + Quantity(overhead, "cpu");
        var memoryLimit = limits.GetValueOrDefault("memory") + Quantity(overhead, "memory");
        var containers = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).ToList();
        var cpuLimited = qos == PodQosClass.Guaranteed || containers.All(c => Quantity(c.Resources?.Limits, "cpu") > 0m);
        var memoryLimited = qos == PodQosClass.Guaranteed || containers.All(c => Quantity(c.Resources?.Limits, "memory") > 0m);
        var resources = new LinuxContainerResources { CpuShares = MilliCpuToShares(MilliValue(cpuRequest)) };
        if (cpuLimited)
        {
            resources.CpuPeriod = QuotaPeriod;
            resources.CpuQuota = MilliCpuToQuota(MilliValue(cpuLimit), QuotaPeriod);
        }
        if (memoryLimited)
        {
            resources.MemoryLimitInBytes = Value(memoryLimit);
        }
        return resources;
    }

    /// <summary>Cpu shares for <paramref name="milliCpu"/> millicores: 1024 per core, clamped to [2, 262144].</summary>
    public static long MilliCpuToShares(long milliCpu)
    {
        if (milliCpu == 0)
        {
            return MinShares;
        }
        var shares = milliCpu * 1024 / 1000;
        return Math.Clamp(shares, MinShares, MaxShares);
    }

    /// <summary>The CFS quota for <paramref name="milliCpu"/> millicores over <paramref name="period"/>; 0 (no quota) for no limit, at least 1 ms otherwise.</summary>
    public static long MilliCpuToQuota(long milliCpu, long period)
    {
        if (milliCpu == 0)
        {
            return 0;
        }
        var quota = milliCpu * period / 1000;
        return Math.Max(quota, MinQuota);
    }

    /// <summary>Upstream's calculation: a missing cpu request with a cpu limit takes the limit's shares.</summary>
    private static LinuxContainerResources Calculate(decimal? cpuRequest, decimal cpuLimit, decimal memoryLimit)
    {
        var shares = cpuRequest is null && cpuLimit != 0m
            ? MilliCpuToShares(MilliValue(cpuLimit))
            : MilliCpuToShares(MilliValue(cpuRequest ?? 0m));
        var resources = new LinuxContainerResources
        {
            CpuShares = shares,
            CpuPeriod = QuotaPeriod,
            CpuQuota = MilliCpuToQuota(MilliValue(cpuLimit), QuotaPeriod),
        };
        var memory = Value(memoryLimit);
        if (memory != 0)
        {
            resources.MemoryLimitInBytes = memory;
        }
        return resources;
    }

    private static decimal Quantity(IDictionary<string, ResourceQuantity>? list, string name) =>
        list is not null && list.TryGetValue(name, out var quantity) && quantity is not null ? quantity.ToDecimal() : 0m;

    /// <summary>Millicores, rounded up as Kubernetes quantities round.</summary>
    private static long MilliValue(decimal cores) => (long)Math.Ceiling(cores * 1000m);

    /// <summary>Whole units (bytes), rounded up.</summary>
    internal static long Value(decimal amount) => (long)Math.Ceiling(amount);
}
