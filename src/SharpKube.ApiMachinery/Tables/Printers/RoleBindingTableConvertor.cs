using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints RoleBindings and ClusterRoleBindings: NAME, ROLE (<c>Kind/name</c>), AGE and, wide, USERS,
/// GROUPS, SERVICEACCOUNTS (<c>namespace/name</c>), each joined by <c>", "</c>.
/// </summary>
public sealed class RoleBindingTableConvertor : TableConvertor
{
    private readonly TableColumnDefinition[] _columns;

    private RoleBindingTableConvertor(string roleRefDescription, string kind)
    {
        _columns =
        [
            StandardColumns.Name,
            StandardColumns.Text("Role", roleRefDescription),
            StandardColumns.Age,
            StandardColumns.Text("Users", "Users in the " + kind, 1),
            StandardColumns.Text("Groups", "Groups in the " + kind, 1),
            StandardColumns.Text("ServiceAccounts", "ServiceAccounts in the " + kind, 1),
        ];
    }

    /// <summary>The convertor for namespaced RoleBindings.</summary>
    public static RoleBindingTableConvertor Namespaced { get; } = new(
        "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.",
        "roleBinding");

    /// <summary>The convertor for ClusterRoleBindings.</summary>
    public static RoleBindingTableConvertor Cluster { get; } = new(
        "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.",
        "clusterRoleBinding");

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => _columns;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var roleRef = obj.Field("roleRef");
        var users = new List<string>();
        var groups = new List<string>();
        var serviceAccounts = new List<string>();
        foreach (var subject in obj.Field("subjects").Items())
        {
            var name = subject.Field("name").Text();
            switch (subject.Field("kind").Text())
            {
                case "ServiceAccount":
                    serviceAccounts.Add(subject.Field("namespace").Text() + "/" + name);
                    break;
                case "User":
                    users.Add(name);
                    break;
                case "Group":
                    groups.Add(name);
                    break;
            }
        }
        return
        [
            ObjectMetadata.Name(obj),
            roleRef.Field("kind").Text() + "/" + roleRef.Field("name").Text(),
            ObjectMetadata.Age(obj, now),
            string.Join(", ", users),
            string.Join(", ", groups),
            string.Join(", ", serviceAccounts),
        ];
    }
}
