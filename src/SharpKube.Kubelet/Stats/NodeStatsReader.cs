using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// The node part of the summary: the machine's CPU and memory from procfs, the host network, the kubelet's and the
/// runtime's filesystems, process limits, and the cgroup holding every pod as the <c>pods</c> system container.
/// </summary>
internal sealed class NodeStatsReader(CgroupReader cgroups, ProcStats proc, CpuUsageSampler sampler, SummaryProviderOptions options)
{
    /// <summary>The sampler's key for the node's CPU counter (cgroup keys all start with '/').</summary>
    public const string NodeKey = "node";

    /// <summary>The node's figures now; <paramref name="imageBytes"/> is what the runtime's images take, when known.</summary>
    public NodeStats Read(DateTimeOffset now, ulong? imageBytes)
    {
        var bootTime = proc.BootTime();
        var (maxPid, processes) = proc.Processes();
        var imageFs = FileSystemUsage.Of(options.ImageFsDirectory ?? options.RootDirectory);
        return new NodeStats
        {
            NodeName = options.NodeName,
            StartTime = bootTime,
            Cpu = sampler.ToApi(NodeKey, now, proc.CpuUsageNanoseconds()),
            Memory = proc.Memory()?.ToApi(now),
            Network = Network(now, proc.Interfaces(null), proc.DefaultRouteInterface()),
            Fs = FileSystemUsage.Of(options.RootDirectory)?.ToApi(now),
            Runtime = new RuntimeStats { ImageFs = imageFs?.ToApi(now, imageBytes) },
            Rlimit = new RlimitStats { Time = now, Maxpid = maxPid, Curproc = processes },
            SystemContainers =
            [
                new SystemContainerStats
                {
                    Name = "pods",
                    StartTime = bootTime,
                    Cpu = sampler.ToApi(options.PodsCgroup, now, cgroups.CpuUsageNanoseconds(options.PodsCgroup)),
                    Memory = cgroups.Memory(options.PodsCgroup)?.ToApi(now),
                },
            ],
        };
    }

    /// <summary>
    /// A network namespace's figures: <paramref name="defaultName"/>'s counters inline (the first interface's when it
    /// is not there), every interface listed; null when there is none but loopback.
    /// </summary>
    public static NetworkStats? Network(DateTimeOffset now, IReadOnlyList<InterfaceStats> interfaces, string? defaultName)
    {
        if (interfaces.Count == 0)
        {
            return null;
        }
        var main = interfaces.FirstOrDefault(i => i.Name == defaultName) ?? interfaces[0];
        return new NetworkStats
        {
            Time = now,
            Name = main.Name,
            RxBytes = main.RxBytes,
            RxErrors = main.RxErrors,
            TxBytes = main.TxBytes,
            TxErrors = main.TxErrors,
            Interfaces = interfaces,
        };
    }

    /// <summary>The node's and the pods cgroup's cumulative CPU counters, for the sampler.</summary>
    public IEnumerable<KeyValuePair<string, ulong>> CpuCounters()
    {
        if (proc.CpuUsageNanoseconds() is { } node)
        {
            yield return new(NodeKey, node);
        }
        if (cgroups.CpuUsageNanoseconds(options.PodsCgroup) is { } pods)
        {
            yield return new(options.PodsCgroup, pods);
        }
    }
}
