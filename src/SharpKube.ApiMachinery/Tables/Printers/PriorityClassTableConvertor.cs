using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints PriorityClasses: NAME, VALUE, GLOBAL-DEFAULT, AGE, PREEMPTIONPOLICY.</summary>
public sealed class PriorityClassTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Integer("Value", "value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec."),
        StandardColumns.Boolean("Global-Default", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority."),
        StandardColumns.Age,
        StandardColumns.Text("PreemptionPolicy", "preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."),
    ];

    private PriorityClassTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static PriorityClassTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
    [
        ObjectMetadata.Name(obj),
        obj.Field("value").Int64(),
        obj.Field("globalDefault").Bool(),
        ObjectMetadata.Age(obj, now),
        obj.Field("preemptionPolicy").Text(),
    ];
}
