using System.Globalization;
using k8s.Models;
using SharpKube.Kubelet.Hosting;

namespace SharpKube.Kubelet.Node;

/// <summary>The Node object a kubelet registers, and the status it posts: capacity, allocatable, addresses, nodeInfo, images.</summary>
public sealed class KubeletNode(KubeletOptions options, MachineInfo machine, string nodeIp)
{
    /// <summary>The version the kubelet reports (the API level SharpKube serves).</summary>
    public const string KubeletVersion = "v1.32.0+sharpkube";

    // Upstream's default hard eviction thresholds (memory.available < 100Mi, nodefs.available < 10%) are kept out of allocatable.
    private const long EvictionMemoryBytes = 100L * 1024 * 1024;

    /// <summary>The node's InternalIP.</summary>
    public string NodeIp { get; } = nodeIp;

    /// <summary>The machine's facts.</summary>
    public MachineInfo Machine { get; } = machine;

    /// <summary>The node's labels: hostname, OS, architecture (current and beta keys) and the configured ones.</summary>
    public Dictionary<string, string> Labels()
    {
        var labels = new Dictionary<string, string>(options.NodeLabels, StringComparer.Ordinal)
        {
            ["kubernetes.io/hostname"] = options.NodeName,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = Machine.Architecture,
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = Machine.Architecture,
        };
        return labels;
    }

    /// <summary>The Node to create at registration.</summary>
    public V1Node Build(DateTime now, string runtimeVersion, string? runtimeProblem) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta
        {
            Name = options.NodeName,
            Labels = Labels(),
            Annotations = new Dictionary<string, string> { ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true" },
        },
        Status = Status(now, runtimeVersion, runtimeProblem, Pressure(), null, []),
    };

    /// <summary>
    /// What the node is short of now, by upstream's default eviction thresholds. The kubelet's and the managed
    /// runtime's files share the agent directory, so it stands for both nodefs and imagefs.
    /// </summary>
    public NodePressure Pressure()
    {
        // Before the agent directory exists, its filesystem is that of its nearest existing parent.
        var path = Path.GetFullPath(options.AgentDir);
        while (!Directory.Exists(path) && Path.GetDirectoryName(path) is { } parent)
        {
            path = parent;
        }

        return NodePressure.Observe(path, path, EvictionThresholds.Default);
    }

    /// <summary>The node's status as the kubelet sees it now; conditions keep their transition times from <paramref name="current"/>.</summary>
    public V1NodeStatus Status(DateTime now, string runtimeVersion, string? runtimeProblem, NodePressure pressure,
        IEnumerable<V1NodeCondition>? current, IList<V1ContainerImage> images) => new()
    {
        Capacity = Capacity(),
        Allocatable = Allocatable(),
        Conditions = NodeConditions.At(now, runtimeProblem, pressure, current),
        Addresses = [new V1NodeAddress { Type = "InternalIP", Address = NodeIp }, new V1NodeAddress { Type = "Hostname", Address = options.NodeName }],
        DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = options.Port } },
        NodeInfo = new V1NodeSystemInfo
        {
            MachineID = Machine.MachineId,
            SystemUUID = Machine.SystemUuid,
            BootID = Machine.BootId,
            KernelVersion = Machine.KernelVersion,
            OsImage = Machine.OsImage,
            ContainerRuntimeVersion = runtimeVersion,
            KubeletVersion = KubeletVersion,
            KubeProxyVersion = KubeletVersion,
            OperatingSystem = "linux",
            Architecture = Machine.Architecture,
        },
        Images = images,
    };

    /// <summary>What the machine has.</summary>
    public Dictionary<string, ResourceQuantity> Capacity() => new(StringComparer.Ordinal)
    {
        ["cpu"] = new(Machine.Cpus.ToString(CultureInfo.InvariantCulture)),
        ["memory"] = Kibibytes(Machine.MemoryBytes),
        ["ephemeral-storage"] = Kibibytes(Machine.EphemeralStorageBytes),
        ["pods"] = new(options.MaxPods.ToString(CultureInfo.InvariantCulture)),
        ["hugepages-1Gi"] = new("0"),
        ["hugepages-2Mi"] = new("0"),
    };

    /// <summary>What pods may use: capacity less the eviction thresholds.</summary>
    public Dictionary<string, ResourceQuantity> Allocatable()
    {
        var allocatable = Capacity();
        allocatable["memory"] = Kibibytes(Math.Max(0, Machine.MemoryBytes - EvictionMemoryBytes));
        allocatable["ephemeral-storage"] = new((Machine.EphemeralStorageBytes / 10 * 9).ToString(CultureInfo.InvariantCulture));
        return allocatable;
    }

    private static ResourceQuantity Kibibytes(long bytes) => new((bytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki");
}
