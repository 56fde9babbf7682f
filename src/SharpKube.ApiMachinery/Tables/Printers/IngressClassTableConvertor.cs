using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>Prints IngressClasses: NAME, CONTROLLER, PARAMETERS (<c>Kind.group/name</c>), AGE.</summary>
public sealed class IngressClassTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Controller", "Controller that is responsible for handling this class"),
        StandardColumns.Text("Parameters", "A reference to a resource with additional parameters"),
        StandardColumns.Age,
    ];

    private IngressClassTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static IngressClassTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var parameters = spec.Field("parameters");
        var text = "<none>";
        if (parameters.IsPresent())
        {
            text = parameters.Field("kind").Text();
            if (parameters.Field("apiGroup").TextOrNull() is { } group)
            {
                text += "." + group;
            }
            text += "/" + parameters.Field("name").Text();
        }
        return [ObjectMetadata.Name(obj), spec.Field("controller").Text(), text, ObjectMetadata.Age(obj, now)];
    }
}
