using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints CSINodes: NAME, DRIVERS (how many are registered), AGE.</summary>
public sealed class CSINodeTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Integer("Drivers", "Drivers indicates the number of CSI drivers registered on the node"),
        StandardColumns.Age,
    ];

    private CSINodeTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static CSINodeTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
        [ObjectMetadata.Name(obj), (long)obj.At("spec", "drivers").Count(), ObjectMetadata.Age(obj, now)];
}
