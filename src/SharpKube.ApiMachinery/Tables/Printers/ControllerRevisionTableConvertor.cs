using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints ControllerRevisions: NAME, CONTROLLER (the controlling owner as <c>kind.group/name</c>,
/// e.g. <c>daemonset.apps/web</c>), REVISION, AGE.
/// </summary>
public sealed class ControllerRevisionTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Text("Controller", "Controller of the object"),
        StandardColumns.Text("Revision", "Revision indicates the revision of the state represented by Data."),
        StandardColumns.Age,
    ];

    private ControllerRevisionTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static ControllerRevisionTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now) =>
        [ObjectMetadata.Name(obj), Controller(obj), obj.Field("revision").Int64(), ObjectMetadata.Age(obj, now)];

    private static string Controller(JsonElement obj)
    {
        var owner = obj.At("metadata", "ownerReferences").Items().FirstOrDefault(o => o.Field("controller").Bool());
        if (!owner.IsPresent())
        {
            return "<none>";
        }
        var apiVersion = owner.Field("apiVersion").Text();
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var kind = owner.Field("kind").Text();
        var name = owner.Field("name").Text();
        if (kind.Length == 0 && group.Length == 0)
        {
            return name;
        }
        var groupKind = group.Length == 0 ? kind : kind + "." + group;
        return groupKind.ToLowerInvariant() + "/" + name;
    }
}
