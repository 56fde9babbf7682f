using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints FlowSchemas: NAME, PRIORITYLEVEL, MATCHINGPRECEDENCE, DISTINGUISHERMETHOD, AGE, MISSINGPL
/// (the <c>Dangling</c> condition's status, <c>?</c> when unknown).
/// </summary>
public sealed class FlowSchemaTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("PriorityLevel", "`name` is the name of the priority level configuration being referenced Required."),
        StandardColumns.Text("MatchingPrecedence", "`matchingPrecedence` is used to choose among the FlowSchemas that match a given request. The chosen FlowSchema is among those with the numerically lowest (which we take to be logically highest) MatchingPrecedence.  Each MatchingPrecedence value must be ranged in [1,10000]. Note that if the precedence is not specified, it will be set to 1000 as default."),
        StandardColumns.Text("DistinguisherMethod", "`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema. `nil` specifies that the distinguisher is disabled and thus will always be the empty string."),
        StandardColumns.Age,
        StandardColumns.Text("MissingPL", "references a broken or non-existent PriorityLevelConfiguration"),
    ];

    private FlowSchemaTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static FlowSchemaTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var distinguisher = spec.Field("distinguisherMethod");
        var dangling = obj.At("status", "conditions").Items().FirstOrDefault(c => c.Field("type").Text() == "Dangling");
        return
        [
            ObjectMetadata.Name(obj),
            spec.At("priorityLevelConfiguration", "name").Text(),
            spec.Field("matchingPrecedence").Int64(),
            distinguisher.IsPresent() ? distinguisher.Field("type").Text() : "<none>",
            ObjectMetadata.Age(obj, now),
            dangling.IsPresent() ? dangling.Field("status").Text() : "?",
        ];
    }
}
