using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints Deployments: NAME, READY (<c>ready/desired</c>), UP-TO-DATE, AVAILABLE, AGE and, wide,
/// CONTAINERS, IMAGES, SELECTOR.
/// </summary>
public sealed class DeploymentTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Ready", "Number of the pod with ready state"),
        StandardColumns.Text("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        StandardColumns.Text("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        StandardColumns.Text("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1),
    ];

    private DeploymentTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static DeploymentTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var status = obj.Field("status");
        var containers = ContainerSummary.OfTemplate(spec.Field("template"));
        // Unlike most printers, an invalid selector reads "<invalid>" and a missing one stays empty here.
        var selector = LabelSelectorText.TryFormat(spec.Field("selector"), out var text) ? text : "<invalid>";
        return
        [
            ObjectMetadata.Name(obj),
            status.Field("readyReplicas").Int64().ToString(CultureInfo.InvariantCulture) + "/" +
                spec.Field("replicas").Int64().ToString(CultureInfo.InvariantCulture),
            status.Field("updatedReplicas").Int64(),
            status.Field("availableReplicas").Int64(),
            ObjectMetadata.Age(obj, now),
            containers.Names,
            containers.Images,
            selector,
        ];
    }
}
