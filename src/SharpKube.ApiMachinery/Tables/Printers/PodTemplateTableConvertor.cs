using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints PodTemplates: NAME, CONTAINERS, IMAGES, POD LABELS (no AGE column upstream).</summary>
public sealed class PodTemplateTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Containers", "Names of each container in the template."),
        StandardColumns.Text("Images", "Images referenced by each container in the template."),
        StandardColumns.Text("Pod Labels", "The labels for the pod template."),
    ];

    private PodTemplateTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static PodTemplateTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var template = obj.Field("template");
        var containers = ContainerSummary.OfTemplate(template);
        return [ObjectMetadata.Name(obj), containers.Names, containers.Images, LabelSetText.Format(template.At("metadata", "labels"))];
    }
}
