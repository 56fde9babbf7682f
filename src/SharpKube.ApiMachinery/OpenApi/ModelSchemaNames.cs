using System.Collections.Frozen;
using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The upstream schema name of each KubernetesClient model type (<c>V1Container</c> →
/// <c>io.k8s.api.core.v1.Container</c>). KubernetesClient names a type by version and Go type name, prefixing
/// the group only where two groups share a name (<c>Corev1EndpointPort</c>), and marks only kinds with their
/// group. So: kinds take their <c>[KubernetesEntity]</c> group; meta.k8s.io types and the few types defined in
/// one package but used only by another come from tables; every other type takes the package of the type that
/// first refers to it, walking the kinds group by group, core first, same-version references first.
/// </summary>
internal static partial class ModelSchemaNames
{
    /// <summary>Types of k8s.io/apimachinery/pkg/apis/meta/v1, by Go name.</summary>
    private static readonly FrozenSet<string> MetaTypes = FrozenSet.Create(
        StringComparer.Ordinal,
        "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition", "DeleteOptions",
        "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement", "ListMeta", "ManagedFieldsEntry",
        "ObjectMeta", "OwnerReference", "Patch", "Preconditions", "ServerAddressByClientCIDR", "Status",
        "StatusCause", "StatusDetails", "WatchEvent");

    /// <summary>Types whose first referrer lives in another group (e.g. storage's StorageClass uses core types).</summary>
    private static readonly FrozenDictionary<string, string> GroupOverrides = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TopologySelectorTerm"] = "",
        ["TopologySelectorLabelRequirement"] = "",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The groups KubernetesClient puts in front of a type name to tell two packages apart.</summary>
    private static readonly FrozenDictionary<string, string> PrefixGroups = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Admissionregistration"] = "admissionregistration.k8s.io",
        ["Apiextensions"] = "apiextensions.k8s.io",
        ["Apiregistration"] = "apiregistration.k8s.io",
        ["Authentication"] = "authentication.k8s.io",
        ["Core"] = "",
        ["Discovery"] = "discovery.k8s.io",
        ["Events"] = "events.k8s.io",
        ["Flowcontrol"] = "flowcontrol.apiserver.k8s.io",
        ["Rbac"] = "rbac.authorization.k8s.io",
        ["Resource"] = "resource.k8s.io",
        ["Storage"] = "storage.k8s.io",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<Type, string>> Names = new(Build);

    private static readonly Lazy<FrozenDictionary<string, Type>> Types =
        new(() => Names.Value.ToFrozenDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal));

    /// <summary>The schema name of <paramref name="modelType"/>, or null when it is not a versioned model type.</summary>
    public static string? Of(Type modelType) => Names.Value.GetValueOrDefault(modelType);

    /// <summary>The model type named <paramref name="schemaName"/>, or null when no model type has that name.</summary>
    public static Type? TypeOf(string schemaName) => Types.Value.GetValueOrDefault(schemaName);

    private static FrozenDictionary<Type, string> Build()
    {
        var groups = new Dictionary<Type, string>();
        var kinds = typeof(V1Pod).Assembly.GetTypes()
            .Where(t => t.Namespace == "k8s.Models" && Parse(t.Name) is not null)
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(k => k.Entity is not null)
            .GroupBy(k => k.Entity!.Group ?? "")
            .OrderBy(g => g.Key.Length == 0 ? 0 : 1)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToArray();
        // Two walks: the first follows references within one version only, because a referrer of another
        // version (batch/v1 JobSpec -> a scheduling v1alpha3 type) says little about the package; the second
        // names whatever is left. Each walk finishes one group before starting the next, core first, so that a
        // core type deep below Pod is not claimed by another group that reaches it in fewer steps.
        foreach (var sameVersionOnly in new[] { true, false })
        {
            var visited = new HashSet<Type>();
            foreach (var group in kinds)
            {
                var queue = new Queue<Type>();
                foreach (var (type, _) in group.OrderBy(k => k.Type.Name, StringComparer.Ordinal))
                {
                    groups.TryAdd(type, group.Key);
                    if (visited.Add(type))
                    {
                        queue.Enqueue(type);
                    }
                }
                Walk(groups, visited, queue, sameVersionOnly);
            }
        }
        return groups.ToFrozenDictionary(g => g.Key, g => NameOf(g.Key, g.Value));
    }

    /// <summary>
    /// Names what is reachable from <paramref name="queue"/>; walks through already named types too, so the
    /// second walk reaches what the first skipped below them.
    /// </summary>
    private static void Walk(Dictionary<Type, string> groups, HashSet<Type> visited, Queue<Type> queue, bool sameVersionOnly)
    {
        while (queue.TryDequeue(out var type))
        {
            var version = Parse(type.Name)!.Value.Version;
            foreach (var referenced in ModelProperties.Of(type).Select(p => ModelProperties.ModelTypeIn(p.Type)).OfType<Type>())
            {
                if (visited.Contains(referenced) || Parse(referenced.Name) is not { } parsed)
                {
                    continue;
                }
                var own = parsed.Group ?? GroupOverrides.GetValueOrDefault(parsed.Name);
                if (!groups.ContainsKey(referenced))
                {
                    if (own is null && sameVersionOnly && parsed.Version != version)
                    {
                        continue;
                    }
                    groups.Add(referenced, own ?? groups[type]);
                }
                visited.Add(referenced);
                queue.Enqueue(referenced);
            }
        }
    }

    private static string NameOf(Type type, string group)
    {
        var (_, version, name) = Parse(type.Name)!.Value;
        if (MetaTypes.Contains(name) && version == "v1")
        {
            return OpenApiSchemaNames.Meta(name);
        }
        return OpenApiSchemaNames.PackageOf(group) + "." + version + "." + name;
    }

    /// <summary>Splits <c>V1beta1DeviceClass</c> / <c>Corev1EndpointPort</c> into (group if prefixed, version, Go name).</summary>
    private static (string? Group, string Version, string Name)? Parse(string clrName)
    {
        var match = TypeName().Match(clrName);
        if (!match.Success)
        {
            return null;
        }
        var prefix = match.Groups["prefix"].Value;
        string? group = null;
        if (prefix.Length > 0 && !PrefixGroups.TryGetValue(prefix, out group))
        {
            return null;
        }
        var version = match.Groups["version"].Value;
        return (group, char.ToLowerInvariant(version[0]) + version[1..], match.Groups["name"].Value);
    }

    [GeneratedRegex("^(?<prefix>[A-Z][a-z]+)?(?<version>[Vv][0-9]+(?:(?:alpha|beta)[0-9]+)?)(?<name>[A-Z][A-Za-z0-9]*)$")]
    private static partial Regex TypeName();
}
