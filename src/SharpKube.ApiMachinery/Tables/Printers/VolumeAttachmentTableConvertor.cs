using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints VolumeAttachments: NAME, ATTACHER, PV, NODE, ATTACHED, AGE.</summary>
public sealed class VolumeAttachmentTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        // Upstream marks this column with the name format too.
        new("Attacher", "string", "name", "attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName()."),
        StandardColumns.Text("PV", "persistentVolumeName represents the name of the persistent volume to attach."),
        StandardColumns.Text("Node", "nodeName represents the node that the volume should be attached to."),
        StandardColumns.Boolean("Attached", "attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher."),
        StandardColumns.Age,
    ];

    private VolumeAttachmentTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static VolumeAttachmentTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        return
        [
            ObjectMetadata.Name(obj),
            spec.Field("attacher").Text(),
            spec.At("source", "persistentVolumeName").Text(),
            spec.Field("nodeName").Text(),
            obj.At("status", "attached").Bool(),
            ObjectMetadata.Age(obj, now),
        ];
    }
}
