using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Upstream's default table convertor, used for kinds without a printer of their own (Role,
/// ClusterRole, LimitRange, CustomResourceDefinition, …): NAME and CREATED AT, the creation
/// timestamp as an RFC 3339 date in UTC.
/// </summary>
public sealed class DefaultTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet = [StandardColumns.Name, StandardColumns.CreatedAt];

    private DefaultTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static DefaultTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        // A missing timestamp is Go's zero time, which upstream still formats.
        var created = obj.At("metadata", "creationTimestamp").Timestamp() ?? DateTimeOffset.MinValue;
        return [ObjectMetadata.Name(obj), created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)];
    }
}
