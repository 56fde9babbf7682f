using System.Collections.Frozen;

namespace SharpKube.ApiMachinery.Registry;

/// <summary>
/// Every resource the API server serves, indexed for routing (group/version/plural) and for
/// kind lookups (group/version/kind). Immutable once built.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly FrozenDictionary<(string Group, string Version, string Plural), ResourceDefinition> _byResource;
    private readonly FrozenDictionary<(string Group, string Version, string Kind), ResourceDefinition> _byKind;

    /// <summary>Builds a registry over the given definitions.</summary>
    public ResourceRegistry(IEnumerable<ResourceDefinition> resources)
    {
        All = [.. resources];
        _byResource = All.ToFrozenDictionary(r => (r.Group, r.Version, r.Plural));
        _byKind = All.ToFrozenDictionary(r => (r.Group, r.Version, r.Kind));
        GroupVersions = [.. All.Select(r => (r.Group, r.Version)).Distinct()];
    }

    /// <summary>The registry of every built-in resource SharpKube serves.</summary>
    public static ResourceRegistry BuiltIn { get; } = new(BuiltInResources.All);

    /// <summary>All resources in declaration order (discovery order).</summary>
    public IReadOnlyList<ResourceDefinition> All { get; }

    /// <summary>Distinct (group, version) pairs in declaration order; preferred version first within a group.</summary>
    public IReadOnlyList<(string Group, string Version)> GroupVersions { get; }

    /// <summary>Finds a resource by its URL coordinates.</summary>
    public ResourceDefinition? Find(string group, string version, string plural) =>
        _byResource.GetValueOrDefault((group, version, plural));

    /// <summary>Finds a resource by group, version and kind.</summary>
    public ResourceDefinition? FindByKind(string group, string version, string kind) =>
        _byKind.GetValueOrDefault((group, version, kind));

    /// <summary>True when the group/version is served.</summary>
    public bool Serves(string group, string version) => GroupVersions.Contains((group, version));
}
