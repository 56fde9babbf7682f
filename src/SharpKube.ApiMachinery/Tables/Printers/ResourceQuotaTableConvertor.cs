using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints ResourceQuotas: NAME, REQUEST and LIMIT (<c>resource: used/hard</c> pairs, sorted by resource
/// name; <c>limits.*</c> resources go to LIMIT), AGE.
/// </summary>
public sealed class ResourceQuotaTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Request", "Request represents a minimum amount of cpu/memory that a container may consume."),
        StandardColumns.Text("Limit", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
        StandardColumns.Age,
    ];

    private ResourceQuotaTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static ResourceQuotaTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var status = obj.Field("status");
        var requests = new List<string>();
        var limits = new List<string>();
        foreach (var hard in status.Field("hard").Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            // A resource not yet used has Go's zero Quantity, printed "0".
            var used = status.Field("used").Field(hard.Name).QuantityOrNull() ?? "0";
            var text = hard.Name + ": " + used + "/" + (hard.Value.QuantityOrNull() ?? "0");
            (hard.Name.Split('.') is [ "limits", _, .. ] ? limits : requests).Add(text);
        }
        return [ObjectMetadata.Name(obj), string.Join(", ", requests), string.Join(", ", limits), ObjectMetadata.Age(obj, now)];
    }
}
