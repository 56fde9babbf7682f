using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints Namespaces: NAME, STATUS (<c>status.phase</c>), AGE.</summary>
public sealed class NamespaceTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Status", "The status of the namespace"),
        StandardColumns.Age,
    ];

    private NamespaceTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static NamespaceTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
        [ObjectMetadata.Name(obj), obj.At("status", "phase").Text(), ObjectMetadata.Age(obj, now)];
}
