using System.Globalization;
using System.Text;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>Operation ids and tags in upstream's style: <c>listCoreV1NamespacedPod</c>, tag <c>core_v1</c>.</summary>
internal static class OperationNaming
{
    /// <summary>The tag of a group/version: <c>core_v1</c>, <c>apps_v1</c>, <c>rbacAuthorization_v1</c>.</summary>
    public static string Tag(string group, string version)
    {
        var pascal = GroupPascal(group);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..] + "_" + version;
    }

    /// <summary>
    /// The operation id: verb, group, version, <c>Collection</c> for collection deletes, <c>Namespaced</c> for
    /// namespaced paths, kind, the subresource, then any suffix (<c>ForAllNamespaces</c>); e.g.
    /// <c>patchAppsV1NamespacedDeploymentScale</c>, <c>deleteCoreV1CollectionNamespacedPod</c>.
    /// </summary>
    public static string Id(
        string verb, string group, string version, bool namespaced, string kind, string? subresource = null,
        string suffix = "", bool collection = false)
    {
        var id = new StringBuilder(verb);
        id.Append(GroupPascal(group)).Append(Pascal(version));
        if (collection)
        {
            id.Append("Collection");
        }
        if (namespaced)
        {
            id.Append("Namespaced");
        }
        id.Append(kind);
        if (subresource is not null)
        {
            id.Append(Pascal(subresource));
        }
        return id.Append(suffix).ToString();
    }

    /// <summary><c>Core</c>, <c>Apps</c>, <c>RbacAuthorization</c>, <c>FlowcontrolApiserver</c>.</summary>
    private static string GroupPascal(string group)
    {
        if (group.Length == 0)
        {
            return "Core";
        }
        var trimmed = group.EndsWith(".k8s.io", StringComparison.Ordinal) ? group[..^".k8s.io".Length] : group;
        return string.Concat(trimmed.Split('.', '-').Where(p => p.Length > 0).Select(Pascal));
    }

    private static string Pascal(string word) =>
        char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];
}
