using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints RuntimeClasses: NAME, HANDLER, AGE.</summary>
public sealed class RuntimeClassTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        // Upstream looks this description up under a key ObjectMeta does not have, so it is empty.
        StandardColumns.Text("Handler", ""),
        StandardColumns.Age,
    ];

    private RuntimeClassTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static RuntimeClassTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
        [ObjectMetadata.Name(obj), obj.Field("handler").Text(), ObjectMetadata.Age(obj, now)];
}
