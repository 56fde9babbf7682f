using System.Collections.Frozen;
using System.Reflection;
using k8s.Models;

namespace SharpKube.ApiMachinery.Registry;

/// <summary>
/// The KubernetesClient model types, found by the group/version/kind of their <c>[KubernetesEntity]</c>
/// attribute. Covers kinds that are not resources of their own, such as autoscaling/v1 Scale, policy/v1
/// Eviction and authentication.k8s.io/v1 TokenRequest (bodies of subresources), and the list kinds.
/// </summary>
public static class KubernetesModelCatalog
{
    private static readonly FrozenDictionary<(string Group, string Version, string Kind), Type> Types = Build();

    /// <summary>The model type of a group/version/kind (group <c>""</c> for core), or null when none exists.</summary>
    public static Type? Find(string group, string version, string kind) =>
        Types.GetValueOrDefault((group, version, kind));

    private static FrozenDictionary<(string, string, string), Type> Build()
    {
        var types = new Dictionary<(string, string, string), Type>();
        // Sorted by name so that if two types ever claim one kind, the choice is deterministic.
        foreach (var type in typeof(V1Pod).Assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { } entity)
            {
                types.TryAdd((entity.Group ?? "", entity.ApiVersion, entity.Kind), type);
            }
        }
        return types.ToFrozenDictionary();
    }
}
