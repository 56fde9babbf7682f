using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// The pod part of the summary. A pod's cgroup is <c>&lt;pods&gt;[/burstable|/besteffort]/pod&lt;uid&gt;</c> (as the
/// kubelet creates it) and the runtime nests each container's, the sandbox's included, inside it under the
/// container's id. The pod's network is read through its sandbox's process, its logs and emptyDir volumes from the
/// kubelet's directories.
/// </summary>
internal sealed class PodStatsReader(CgroupReader cgroups, ProcStats proc, CpuUsageSampler sampler, SummaryProviderOptions options)
{
    /// <summary>The pod's default interface in its network namespace, as the CNI bridge plugin names it.</summary>
    private const string PodInterface = "eth0";

    /// <summary>The stats of the pod of <paramref name="sandbox"/> and its running <paramref name="containers"/> now.</summary>
    public PodStats Read(DateTimeOffset now, PodSandbox sandbox, IEnumerable<Container> containers, FileSystemFigures? rootFs)
    {
        var metadata = sandbox.Metadata;
        var podCgroup = PodCgroup(metadata.Uid);
        var logs = options.PodLogsDirectory is { } logRoot
            ? Path.Combine(logRoot, $"{metadata.Namespace}_{metadata.Name}_{metadata.Uid}")
            : null;
        var logFs = logs is null ? null : FileSystemUsage.Of(options.PodLogsDirectory!);
        var containerStats = new List<ContainerStats>();
        ulong ephemeralBytes = 0;
        ulong ephemeralInodes = 0;
        foreach (var container in containers.OrderBy(c => c.Metadata.Name, StringComparer.Ordinal))
        {
            var cgroup = podCgroup is null ? null : podCgroup + "/" + container.Id;
            FsStats? logStats = null;
            if (logs is not null && logFs is { } fs)
            {
                var (bytes, inodes) = FileSystemUsage.Tree(Path.Combine(logs, container.Metadata.Name));
                logStats = fs.ToApi(now, bytes, inodes);
                ephemeralBytes += bytes;
                ephemeralInodes += inodes;
            }
            containerStats.Add(new ContainerStats
            {
                Name = container.Metadata.Name,
                StartTime = Status.CriTime.ToOffset(container.CreatedAt),
                Cpu = cgroup is null ? null : sampler.ToApi(cgroup, now, cgroups.CpuUsageNanoseconds(cgroup)),
                Memory = cgroup is null ? null : cgroups.Memory(cgroup)?.ToApi(now),
                Logs = logStats,
            });
        }
        var volumes = Volumes(now, metadata.Uid);
        foreach (var volume in volumes ?? [])
        {
            ephemeralBytes += volume.UsedBytes ?? 0;
            ephemeralInodes += volume.InodesUsed ?? 0;
        }
        var sandboxPid = podCgroup is null ? null : cgroups.FirstProcess(podCgroup + "/" + sandbox.Id);
        return new PodStats
        {
            PodRef = new PodReference { Name = metadata.Name, Namespace = metadata.Namespace, Uid = metadata.Uid },
            StartTime = Status.CriTime.ToOffset(sandbox.CreatedAt),
            Containers = containerStats,
            Cpu = podCgroup is null ? null : sampler.ToApi(podCgroup, now, cgroups.CpuUsageNanoseconds(podCgroup)),
            Memory = podCgroup is null ? null : cgroups.Memory(podCgroup)?.ToApi(now),
            Network = sandboxPid is { } pid ? NodeStatsReader.Network(now, proc.Interfaces(pid), PodInterface) : null,
            Volume = volumes,
            EphemeralStorage = rootFs?.ToApi(now, ephemeralBytes, ephemeralInodes),
        };
    }

    /// <summary>The pod's cgroup (in whichever QoS parent it is), or null when it has none.</summary>
    public string? PodCgroup(string uid) =>
        QosParents().Select(parent => parent + "/pod" + uid).FirstOrDefault(cgroups.Exists);

    /// <summary>Every pod cgroup's and every container cgroup's cumulative CPU counter, for the sampler.</summary>
    public IEnumerable<KeyValuePair<string, ulong>> CpuCounters()
    {
        foreach (var parent in QosParents())
        {
            foreach (var pod in cgroups.Children(parent).Where(name => name.StartsWith("pod", StringComparison.Ordinal)))
            {
                var podCgroup = parent + "/" + pod;
                if (cgroups.CpuUsageNanoseconds(podCgroup) is { } podUsage)
                {
                    yield return new(podCgroup, podUsage);
                }
                foreach (var container in cgroups.Children(podCgroup))
                {
                    var cgroup = podCgroup + "/" + container;
                    if (cgroups.CpuUsageNanoseconds(cgroup) is { } usage)
                    {
                        yield return new(cgroup, usage);
                    }
                }
            }
        }
    }

    private IEnumerable<string> QosParents()
    {
        var pods = "/" + options.PodsCgroup.Trim('/');
        return [pods, pods + "/burstable", pods + "/besteffort"];
    }

    /// <summary>The pod's emptyDir volumes: what their files use, on the filesystem each is on (a tmpfs for memory-backed ones).</summary>
    private List<VolumeStats>? Volumes(DateTimeOffset now, string uid)
    {
        if (options.PodsDirectory is null)
        {
            return null;
        }
        var emptyDirs = Path.Combine(options.PodsDirectory, uid, "volumes", "kubernetes.io~empty-dir");
        if (!Directory.Exists(emptyDirs))
        {
            return null;
        }
        var volumes = new List<VolumeStats>();
        foreach (var directory in Directory.EnumerateDirectories(emptyDirs).Order(StringComparer.Ordinal))
        {
            var (bytes, inodes) = FileSystemUsage.Tree(directory);
            var fs = FileSystemUsage.Of(directory);
            volumes.Add(new VolumeStats
            {
                Time = now,
                Name = Path.GetFileName(directory),
                AvailableBytes = fs?.AvailableBytes,
                CapacityBytes = fs?.CapacityBytes,
                UsedBytes = bytes,
                InodesFree = fs?.InodesFree,
                Inodes = fs?.Inodes,
                InodesUsed = inodes,
            });
        }
        return volumes.Count == 0 ? null : volumes;
    }
}
