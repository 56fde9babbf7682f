using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints DaemonSets: NAME, DESIRED, CURRENT, READY, UP-TO-DATE, AVAILABLE, NODE SELECTOR, AGE and,
/// wide, CONTAINERS, IMAGES, SELECTOR.
/// </summary>
public sealed class DaemonSetTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Integer("Desired", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
        StandardColumns.Integer("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
        StandardColumns.Integer("Ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
        StandardColumns.Integer("Up-to-date", "The total number of nodes that are running updated daemon pod"),
        StandardColumns.Integer("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
        StandardColumns.Text("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        StandardColumns.Text("Selector", "A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    private DaemonSetTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static DaemonSetTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var status = obj.Field("status");
        var template = spec.Field("template");
        var containers = ContainerSummary.OfTemplate(template);
        return
        [
            ObjectMetadata.Name(obj),
            status.Field("desiredNumberScheduled").Int64(),
            status.Field("currentNumberScheduled").Int64(),
            status.Field("numberReady").Int64(),
            status.Field("updatedNumberScheduled").Int64(),
            status.Field("numberAvailable").Int64(),
            LabelSetText.Format(template.At("spec", "nodeSelector")),
            ObjectMetadata.Age(obj, now),
            containers.Names,
            containers.Images,
            LabelSelectorText.Format(spec.Field("selector")),
        ];
    }
}
