using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints StatefulSets: NAME, READY (<c>ready/desired</c>), AGE and, wide, CONTAINERS, IMAGES.</summary>
public sealed class StatefulSetTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Ready", "Number of the pod with ready state"),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
    ];

    private StatefulSetTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static StatefulSetTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var containers = ContainerSummary.OfTemplate(spec.Field("template"));
        return
        [
            ObjectMetadata.Name(obj),
            obj.At("status", "readyReplicas").Int64().ToString(CultureInfo.InvariantCulture) + "/" +
                spec.Field("replicas").Int64().ToString(CultureInfo.InvariantCulture),
            ObjectMetadata.Age(obj, now),
            containers.Names,
            containers.Images,
        ];
    }
}
