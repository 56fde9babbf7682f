using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints Nodes: NAME, STATUS (<c>Ready</c>, <c>NotReady</c>, <c>Unknown</c>, with
/// <c>,SchedulingDisabled</c> when cordoned), ROLES, AGE, VERSION and, wide, INTERNAL-IP, EXTERNAL-IP,
/// OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME.
/// </summary>
public sealed class NodeTableConvertor : TableConvertor
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";
    private const string AddressesDescription = "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Status", "The status of the node"),
        StandardColumns.Text("Roles", "The roles of the node"),
        StandardColumns.Age,
        StandardColumns.Text("Version", "Kubelet Version reported by the node."),
        StandardColumns.Text("Internal-IP", AddressesDescription, 1),
        StandardColumns.Text("External-IP", AddressesDescription, 1),
        StandardColumns.Text("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
        StandardColumns.Text("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
        StandardColumns.Text("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
    ];

    private NodeTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static NodeTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var nodeInfo = obj.At("status", "nodeInfo");
        return
        [
            ObjectMetadata.Name(obj),
            Status(obj),
            Roles(obj),
            ObjectMetadata.Age(obj, now),
            nodeInfo.Field("kubeletVersion").Text(),
            Address(obj, "InternalIP"),
            Address(obj, "ExternalIP"),
            OrUnknown(nodeInfo.Field("osImage").Text()),
            OrUnknown(nodeInfo.Field("kernelVersion").Text()),
            OrUnknown(nodeInfo.Field("containerRuntimeVersion").Text()),
        ];
    }

    private static string Status(JsonElement node)
    {
        // Only the Ready condition is reported; when it appears twice the last one counts.
        string? ready = null;
        foreach (var condition in node.At("status", "conditions").Items())
        {
            if (condition.Field("type").Text() == "Ready")
            {
                ready = condition.Field("status").Text() == "True" ? "Ready" : "NotReady";
            }
        }
        var status = ready ?? "Unknown";
        return node.At("spec", "unschedulable").Bool() ? status + ",SchedulingDisabled" : status;
    }

    private static string Roles(JsonElement node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var label in ObjectMetadata.Labels(node).Properties())
        {
            if (label.Name.StartsWith(RoleLabelPrefix, StringComparison.Ordinal))
            {
                if (label.Name.Length > RoleLabelPrefix.Length)
                {
                    roles.Add(label.Name[RoleLabelPrefix.Length..]);
                }
            }
            else if (label.Name == RoleLabel && label.Value.Text() is { Length: > 0 } role)
            {
                roles.Add(role);
            }
        }
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Address(JsonElement node, string type)
    {
        foreach (var address in node.At("status", "addresses").Items())
        {
            if (address.Field("type").Text() == type)
            {
                return address.Field("address").Text();
            }
        }
        return "<none>";
    }

    private static string OrUnknown(string value) => value.Length == 0 ? "<unknown>" : value;
}
