using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Discovery;

/// <summary>
/// Every discovery document of a registry, built once: the legacy <c>/api</c>, <c>/apis</c>,
/// <c>/apis/{group}</c>, <c>/api/v1</c> and <c>/apis/{group}/{version}</c> bodies and the aggregated
/// (apidiscovery.k8s.io v2 and v2beta1) <c>/api</c> and <c>/apis</c> bodies, each with its Content-Type and ETag.
/// </summary>
public sealed class DiscoveryDocuments
{
    private readonly IReadOnlyList<string> _coreVersions;
    private readonly FrozenDictionary<string, DiscoveryDocument> _groups;
    private readonly FrozenDictionary<(string Group, string Version), DiscoveryDocument> _resourceLists;
    private readonly FrozenDictionary<AggregatedDiscoveryVersion, DiscoveryDocument> _aggregatedCore;
    private readonly FrozenDictionary<AggregatedDiscoveryVersion, DiscoveryDocument> _aggregatedGroups;

    /// <summary>Builds every document of <paramref name="registry"/>.</summary>
    public DiscoveryDocuments(ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _coreVersions = registry.VersionsOf("");
        var namedGroups = registry.Groups.Where(g => g.Length > 0).ToArray();
        var coreGroup = registry.Groups.Where(g => g.Length == 0).ToArray();

        ApiGroupList = DiscoveryDocument.Create(ApiGroupWriter.WriteList(registry), DiscoveryMediaTypes.Json);
        _groups = namedGroups.ToFrozenDictionary(
            g => g,
            g => DiscoveryDocument.Create(ApiGroupWriter.WriteGroup(registry, g), DiscoveryMediaTypes.Json));
        _resourceLists = registry.GroupVersions.ToFrozenDictionary(
            gv => gv,
            gv => DiscoveryDocument.Create(
                ApiResourceListWriter.Write(gv.Group, gv.Version, registry.ResourcesIn(gv.Group, gv.Version)),
                DiscoveryMediaTypes.Json));
        AggregatedDiscoveryVersion[] versions = [AggregatedDiscoveryVersion.V2, AggregatedDiscoveryVersion.V2Beta1];
        _aggregatedCore = versions.ToFrozenDictionary(
            v => v,
            v => DiscoveryDocument.Create(AggregatedDiscoveryWriter.Write(registry, coreGroup, v), DiscoveryMediaTypes.For(v)));
        _aggregatedGroups = versions.ToFrozenDictionary(
            v => v,
            v => DiscoveryDocument.Create(AggregatedDiscoveryWriter.Write(registry, namedGroups, v), DiscoveryMediaTypes.For(v)));
    }

    /// <summary>The documents of the built-in registry.</summary>
    public static DiscoveryDocuments BuiltIn { get; } = new(ResourceRegistry.BuiltIn);

    /// <summary>Legacy <c>/apis</c>: the APIGroupList of every named group with its preferred version.</summary>
    public DiscoveryDocument ApiGroupList { get; }

    /// <summary>
    /// Legacy <c>/api</c>: APIVersions telling clients to reach the server at <paramref name="serverAddress"/>
    /// (<c>host:port</c>, usually the request's Host). Built per call because the address varies.
    /// </summary>
    public DiscoveryDocument ApiVersions(string serverAddress) =>
        DiscoveryDocument.Create(ApiVersionsWriter.Write(_coreVersions, serverAddress), DiscoveryMediaTypes.Json);

    /// <summary>Legacy <c>/apis/{group}</c>: the APIGroup document of a named group.</summary>
    public bool TryGetApiGroup(string group, [NotNullWhen(true)] out DiscoveryDocument? document) =>
        _groups.TryGetValue(group, out document);

    /// <summary>
    /// Legacy <c>/api/v1</c> (group <c>""</c>) and <c>/apis/{group}/{version}</c>: the APIResourceList.
    /// False when the group/version is not served (answer 404).
    /// </summary>
    public bool TryGetResourceList(string group, string version, [NotNullWhen(true)] out DiscoveryDocument? document) =>
        _resourceLists.TryGetValue((group, version), out document);

    /// <summary>Aggregated <c>/api</c>: one item, the core group (named <c>""</c>).</summary>
    public DiscoveryDocument AggregatedCore(AggregatedDiscoveryVersion version) => _aggregatedCore[version];

    /// <summary>Aggregated <c>/apis</c>: every named group in discovery order.</summary>
    public DiscoveryDocument AggregatedGroups(AggregatedDiscoveryVersion version) => _aggregatedGroups[version];
}
