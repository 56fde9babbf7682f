using System.Collections.Frozen;

namespace SharpKube.ApiMachinery.Registry;

/// <summary>
/// Every resource the API server serves, indexed for routing (group/version/plural), for kind lookups
/// (group/version/kind) and for discovery (groups, their versions, the resources of a group/version).
/// Immutable once built.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly FrozenDictionary<(string Group, string Version, string Plural), ResourceDefinition> _byResource;
    private readonly FrozenDictionary<(string Group, string Version, string Kind), ResourceDefinition> _byKind;
    private readonly FrozenDictionary<(string Group, string Version), ResourceDefinition[]> _byGroupVersion;
    private readonly FrozenDictionary<string, string[]> _versionsByGroup;

    /// <summary>
    /// Builds a registry over the given definitions. Their order is discovery order: groups in the order they
    /// first appear, and within a group the version that appears first is the preferred one.
    /// </summary>
    public ResourceRegistry(IEnumerable<ResourceDefinition> resources)
    {
        All = [.. resources];
        _byResource = All.ToFrozenDictionary(r => (r.Group, r.Version, r.Plural));
        _byKind = All.ToFrozenDictionary(r => (r.Group, r.Version, r.Kind));
        GroupVersions = [.. All.Select(r => (r.Group, r.Version)).Distinct()];
        Groups = [.. GroupVersions.Select(gv => gv.Group).Distinct()];
        _byGroupVersion = GroupVersions.ToFrozenDictionary(
            gv => gv,
            gv => All.Where(r => r.Group == gv.Group && r.Version == gv.Version).ToArray());
        _versionsByGroup = Groups.ToFrozenDictionary(
            g => g,
            g => GroupVersions.Where(gv => gv.Group == g).Select(gv => gv.Version).ToArray());
    }

    /// <summary>The registry of every built-in resource SharpKube serves.</summary>
    public static ResourceRegistry BuiltIn { get; } = new(BuiltInResources.All);

    /// <summary>All resources in declaration order (discovery order).</summary>
    public IReadOnlyList<ResourceDefinition> All { get; }

    /// <summary>Distinct (group, version) pairs in declaration order; preferred version first within a group.</summary>
    public IReadOnlyList<(string Group, string Version)> GroupVersions { get; }

    /// <summary>Distinct groups in discovery order; the core group is the empty string.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>Finds a resource by its URL coordinates.</summary>
    public ResourceDefinition? Find(string group, string version, string plural) =>
        _byResource.GetValueOrDefault((group, version, plural));

    /// <summary>Finds a resource by group, version and kind.</summary>
    public ResourceDefinition? FindByKind(string group, string version, string kind) =>
        _byKind.GetValueOrDefault((group, version, kind));

    /// <summary>True when the group/version is served.</summary>
    public bool Serves(string group, string version) => _byGroupVersion.ContainsKey((group, version));

    /// <summary>The resources served at a group/version in discovery order; empty when it is not served.</summary>
    public IReadOnlyList<ResourceDefinition> ResourcesIn(string group, string version) =>
        _byGroupVersion.TryGetValue((group, version), out var resources) ? resources : [];

    /// <summary>The versions served for a group, preferred first; empty when the group is not served.</summary>
    public IReadOnlyList<string> VersionsOf(string group) =>
        _versionsByGroup.TryGetValue(group, out var versions) ? versions : [];

    /// <summary>The version clients should prefer for a group (e.g. <c>v2</c> for autoscaling), or null.</summary>
    public string? PreferredVersion(string group) =>
        _versionsByGroup.TryGetValue(group, out var versions) ? versions[0] : null;
}
