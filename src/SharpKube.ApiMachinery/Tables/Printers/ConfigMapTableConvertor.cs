using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints ConfigMaps: NAME, DATA (keys in <c>data</c> plus <c>binaryData</c>), AGE.</summary>
public sealed class ConfigMapTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Data", "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
        StandardColumns.Age,
    ];

    private ConfigMapTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static ConfigMapTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
    [
        ObjectMetadata.Name(obj),
        (long)(obj.Field("data").PropertyCount() + obj.Field("binaryData").PropertyCount()),
        ObjectMetadata.Age(obj, now),
    ];
}
