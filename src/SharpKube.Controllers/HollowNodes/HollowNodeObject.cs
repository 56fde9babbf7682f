using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// The Node object a hollow node registers with: upstream kubelet's labels plus topology and the hollow-node label,
/// capacity equal to allocatable, the healthy conditions, InternalIP and Hostname addresses, node info and the
/// kubelet endpoint on 10250. No <c>spec.podCIDR</c>: that is the node IPAM controller's to give.
/// </summary>
internal static class HollowNodeObject
{
    /// <summary>The port the nodes claim their kubelet serves on.</summary>
    public const int KubeletPort = 10250;

    /// <summary>The Node for <paramref name="node"/>, its conditions' heartbeats at <paramref name="now"/>.</summary>
    public static V1Node Build(HollowNode node, HollowNodeOptions options, DateTime now) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = node.Name, Labels = Labels(node, options) },
        Spec = new V1NodeSpec(),
        Status = Status(node, options, now, null),
    };

    /// <summary>The labels of <paramref name="node"/>.</summary>
    public static Dictionary<string, string> Labels(HollowNode node, HollowNodeOptions options) => new(StringComparer.Ordinal)
    {
        ["beta.kubernetes.io/arch"] = "amd64",
        ["beta.kubernetes.io/os"] = "linux",
        ["kubernetes.io/arch"] = "amd64",
        ["kubernetes.io/hostname"] = node.Name,
        ["kubernetes.io/os"] = "linux",
        ["topology.kubernetes.io/region"] = options.Region,
        ["topology.kubernetes.io/zone"] = node.Zone,
        [HollowNodeOptions.HollowNodeLabel] = "true",
    };

    /// <summary>
    /// The full status of <paramref name="node"/>; conditions whose status is unchanged from
    /// <paramref name="currentConditions"/> keep their transition time.
    /// </summary>
    public static V1NodeStatus Status(HollowNode node, HollowNodeOptions options, DateTime now, IEnumerable<V1NodeCondition>? currentConditions)
    {
        var capacity = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(options.Cpu),
            ["ephemeral-storage"] = new(options.EphemeralStorage),
            ["hugepages-1Gi"] = new("0"),
            ["hugepages-2Mi"] = new("0"),
            ["memory"] = new(options.Memory),
            ["pods"] = new(options.Pods.ToString(CultureInfo.InvariantCulture)),
        };
        return new V1NodeStatus
        {
            Capacity = capacity,
            Allocatable = new Dictionary<string, ResourceQuantity>(capacity, StringComparer.Ordinal),
            Conditions = KubeletConditions.At(now, currentConditions),
            Addresses =
            [
                new V1NodeAddress { Type = "InternalIP", Address = node.InternalIp },
                new V1NodeAddress { Type = "Hostname", Address = node.Name },
            ],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = KubeletPort } },
            NodeInfo = new V1NodeSystemInfo
            {
                MachineID = Id(node.Name, "machine"),
                SystemUUID = Uuid(node.Name),
                BootID = Uuid(node.Name + "/boot"),
                KernelVersion = "6.1.0-hollow",
                OsImage = "SharpKube hollow node",
                ContainerRuntimeVersion = "hollow://" + options.KubeletVersion.TrimStart('v'),
                KubeletVersion = options.KubeletVersion,
                OperatingSystem = "linux",
                Architecture = "amd64",
            },
        };
    }

    /// <summary>32 hex digits derived from the name, stable across restarts (as a machine's id is).</summary>
    private static string Id(string name, string purpose) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "/" + name)))[..32];

    private static string Uuid(string name)
    {
        var hex = Id(name, "uuid");
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
