using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints ReplicationControllers: NAME, DESIRED, CURRENT, READY, AGE and, wide, CONTAINERS, IMAGES,
/// SELECTOR (a plain label map).
/// </summary>
public sealed class ReplicationControllerTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Integer("Desired", "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller"),
        StandardColumns.Integer("Current", "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller"),
        StandardColumns.Integer("Ready", "The number of ready replicas for this replication controller."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        StandardColumns.Text("Selector", "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    private ReplicationControllerTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static ReplicationControllerTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var status = obj.Field("status");
        var containers = ContainerSummary.OfTemplate(spec.Field("template"));
        return
        [
            ObjectMetadata.Name(obj),
            spec.Field("replicas").Int64(),
            status.Field("replicas").Int64(),
            status.Field("readyReplicas").Int64(),
            ObjectMetadata.Age(obj, now),
            containers.Names,
            containers.Images,
            LabelSetText.Format(spec.Field("selector")),
        ];
    }
}
