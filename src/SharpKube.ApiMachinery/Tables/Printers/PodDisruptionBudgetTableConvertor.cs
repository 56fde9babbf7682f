using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints PodDisruptionBudgets: NAME, MIN AVAILABLE, MAX UNAVAILABLE (<c>N/A</c> when unset),
/// ALLOWED DISRUPTIONS, AGE.
/// </summary>
public sealed class PodDisruptionBudgetTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Min Available", "The minimum number of pods that must be available."),
        StandardColumns.Text("Max Unavailable", "The maximum number of pods that may be unavailable."),
        StandardColumns.Integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
        StandardColumns.Age,
    ];

    private PodDisruptionBudgetTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static PodDisruptionBudgetTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        return
        [
            ObjectMetadata.Name(obj),
            spec.Field("minAvailable").IntOrStringOrNull() ?? "N/A",
            spec.Field("maxUnavailable").IntOrStringOrNull() ?? "N/A",
            obj.At("status", "disruptionsAllowed").Int64(),
            ObjectMetadata.Age(obj, now),
        ];
    }
}
