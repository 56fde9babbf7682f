using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints Pods as <c>kubectl get pods</c> shows them: NAME, READY, STATUS, RESTARTS, AGE and, wide,
/// IP, NODE, NOMINATED NODE, READINESS GATES. STATUS follows upstream's reason logic (init progress,
/// container waiting/terminated reasons, Completed/NotReady, Terminating, Unknown for lost nodes).
/// </summary>
public sealed class PodTableConvertor : TableConvertor
{
    private const string None = "<none>";

    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
        StandardColumns.Text("Status", "The aggregate status of the containers in this pod."),
        StandardColumns.Text("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        StandardColumns.Age,
        StandardColumns.Text("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
        StandardColumns.Text("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename", 1),
        StandardColumns.Text("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.", 1),
        StandardColumns.Text("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates", 1),
    ];

    private PodTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static PodTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var status = PodStatusSummary.Of(obj);
        var restarts = status.Restarts.ToString(CultureInfo.InvariantCulture);
        if (status.Restarts != 0 && status.LastRestart is { } lastRestart)
        {
            restarts += " (" + HumanDuration.Format(now - lastRestart) + " ago)";
        }
        return
        [
            ObjectMetadata.Name(obj),
            status.ReadyContainers.ToString(CultureInfo.InvariantCulture) + "/" + status.TotalContainers.ToString(CultureInfo.InvariantCulture),
            status.Reason,
            restarts,
            ObjectMetadata.Age(obj, now),
            OrNone(PodIP(obj.Field("status"))),
            OrNone(obj.At("spec", "nodeName").Text()),
            OrNone(obj.At("status", "nominatedNodeName").Text()),
            ReadinessGates(obj),
        ];
    }

    // The first of status.podIPs; a pod written with only the legacy podIP field converts to the same.
    private static string PodIP(JsonElement status) =>
        status.Field("podIPs").Count() > 0
            ? status.Field("podIPs").Item(0).Field("ip").Text()
            : status.Field("podIP").Text();

    private static string ReadinessGates(JsonElement obj)
    {
        var gates = obj.At("spec", "readinessGates");
        if (gates.Count() == 0)
        {
            return None;
        }
        var conditions = obj.At("status", "conditions").Items().ToList();
        var satisfied = 0;
        foreach (var gate in gates.Items())
        {
            var type = gate.Field("conditionType").Text();
            var condition = conditions.Find(c => c.Field("type").Text() == type);
            if (condition.Field("status").Text() == "True")
            {
                satisfied++;
            }
        }
        return satisfied.ToString(CultureInfo.InvariantCulture) + "/" + gates.Count().ToString(CultureInfo.InvariantCulture);
    }

    private static string OrNone(string value) => value.Length == 0 ? None : value;
}
