using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints ValidatingAdmissionPolicies (NAME, VALIDATIONS, PARAMKIND, AGE) and MutatingAdmissionPolicies
/// (NAME, MUTATIONS, PARAMKIND, AGE); PARAMKIND is <c>apiVersion/Kind</c> or <c>&lt;unset&gt;</c>.
/// </summary>
public sealed class AdmissionPolicyTableConvertor : TableConvertor
{
    private readonly TableColumnDefinition[] _columns;
    private readonly string _rulesField;

    private AdmissionPolicyTableConvertor(TableColumnDefinition rulesColumn, string rulesField)
    {
        _columns =
        [
            StandardColumns.Name,
            rulesColumn,
            StandardColumns.Text("ParamKind", "ParamKind specifies the kind of resources used to parameterize this policy"),
            StandardColumns.Age,
        ];
        _rulesField = rulesField;
    }

    /// <summary>The convertor for ValidatingAdmissionPolicies.</summary>
    public static AdmissionPolicyTableConvertor Validating { get; } = new(
        StandardColumns.Integer("Validations", "Validations indicates the number of validation rules defined in this configuration"),
        "validations");

    /// <summary>The convertor for MutatingAdmissionPolicies.</summary>
    public static AdmissionPolicyTableConvertor Mutating { get; } = new(
        StandardColumns.Integer("Mutations", "Mutation indicates the number of mutations rules defined in this configuration"),
        "mutations");

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => _columns;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var paramKind = spec.Field("paramKind");
        return
        [
            ObjectMetadata.Name(obj),
            (long)spec.Field(_rulesField).Count(),
            paramKind.IsPresent() ? paramKind.Field("apiVersion").Text() + "/" + paramKind.Field("kind").Text() : "<unset>",
            ObjectMetadata.Age(obj, now),
        ];
    }
}
