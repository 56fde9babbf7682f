using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints APIServices as the aggregator does: NAME, SERVICE (<c>namespace/name</c>, or <c>Local</c>),
/// AVAILABLE (<c>True</c>, <c>False (Reason)</c>, <c>Unknown</c>), AGE.
/// </summary>
public sealed class APIServiceTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Service", "The reference to the service that hosts this API endpoint."),
        StandardColumns.Text("Available", "Whether this service is available."),
        StandardColumns.Age,
    ];

    private APIServiceTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static APIServiceTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var service = obj.At("spec", "service");
        return
        [
            ObjectMetadata.Name(obj),
            service.IsPresent() ? service.Field("namespace").Text() + "/" + service.Field("name").Text() : "Local",
            Available(obj.At("status", "conditions")),
            ObjectMetadata.Age(obj, now),
        ];
    }

    private static string Available(JsonElement conditions)
    {
        var condition = conditions.Items().FirstOrDefault(c => c.Field("type").Text() == "Available");
        if (!condition.IsPresent())
        {
            return "Unknown";
        }
        var status = condition.Field("status").Text();
        var reason = condition.Field("reason").Text();
        return status != "True" && reason.Length > 0 ? status + " (" + reason + ")" : status;
    }
}
