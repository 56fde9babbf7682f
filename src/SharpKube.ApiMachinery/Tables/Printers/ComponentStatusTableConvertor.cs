using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints ComponentStatuses: NAME, STATUS (<c>Healthy</c>, <c>Unhealthy</c> or <c>Unknown</c>), MESSAGE,
/// ERROR — all from the first <c>Healthy</c> condition (no AGE column upstream).
/// </summary>
public sealed class ComponentStatusTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Status", "Status of the component conditions"),
        StandardColumns.Text("Message", "Message of the component conditions"),
        StandardColumns.Text("Error", "Error of the component conditions"),
    ];

    private ComponentStatusTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static ComponentStatusTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        foreach (var condition in obj.Field("conditions").Items())
        {
            if (condition.Field("type").Text() == "Healthy")
            {
                var status = condition.Field("status").Text() == "True" ? "Healthy" : "Unhealthy";
                return [ObjectMetadata.Name(obj), status, condition.Field("message").Text(), condition.Field("error").Text()];
            }
        }
        return [ObjectMetadata.Name(obj), "Unknown", "", ""];
    }
}
