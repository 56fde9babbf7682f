using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints NetworkPolicies: NAME, POD-SELECTOR (<c>&lt;none&gt;</c> when it selects all pods), AGE.</summary>
public sealed class NetworkPolicyTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Pod-Selector", "Selects the pods to which this NetworkPolicy object applies. The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods. In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace."),
        StandardColumns.Age,
    ];

    private NetworkPolicyTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static NetworkPolicyTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
        [ObjectMetadata.Name(obj), LabelSelectorText.Format(obj.At("spec", "podSelector")), ObjectMetadata.Age(obj, now)];
}
