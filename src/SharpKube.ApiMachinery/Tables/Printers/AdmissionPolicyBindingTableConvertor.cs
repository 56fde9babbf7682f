using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints ValidatingAdmissionPolicyBindings and MutatingAdmissionPolicyBindings (identical tables):
/// NAME, POLICYNAME, PARAMREF (<c>namespace/name</c>, <c>*/name</c> without a namespace, the selector
/// otherwise, <c>&lt;unset&gt;</c> when there is none), AGE.
/// </summary>
public sealed class AdmissionPolicyBindingTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("PolicyName", "PolicyName indicates the policy definition which the policy binding binded to"),
        StandardColumns.Text("ParamRef", "ParamRef indicates the param resource which sets the configration param"),
        StandardColumns.Age,
    ];

    private AdmissionPolicyBindingTableConvertor()
    {
    }

    /// <summary>The shared instance, for both policy binding kinds.</summary>
    public static AdmissionPolicyBindingTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        return [ObjectMetadata.Name(obj), spec.Field("policyName").Text(), ParamRef(spec.Field("paramRef")), ObjectMetadata.Age(obj, now)];
    }

    private static string ParamRef(JsonElement paramRef)
    {
        if (!paramRef.IsPresent())
        {
            return "<unset>";
        }
        var name = paramRef.Field("name").Text();
        if (name.Length > 0)
        {
            // Whether the param is cluster-scoped is unknown here, so a missing namespace reads "*".
            var ns = paramRef.Field("namespace").Text();
            return (ns.Length > 0 ? ns : "*") + "/" + name;
        }
        var selector = paramRef.Field("selector");
        return selector.IsPresent() ? LabelSelectorStructText.Format(selector) : "<unset>";
    }
}
