using System.Collections.Frozen;
using SharpKube.Client.Discovery;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// Which resource serves a kind — what an owner reference names (<c>apiVersion</c>, <c>kind</c>) mapped to where it
/// can be read — from the latest discovery. Any version of a group maps to the group's preferred version: a uid is
/// the same in every version. Thread-safe: discovery swaps in a whole new map.
/// </summary>
public sealed class ResourceMapper
{
    private volatile FrozenDictionary<(string Group, string Kind), ApiResource> _byKind =
        FrozenDictionary<(string Group, string Kind), ApiResource>.Empty;

    /// <summary>Replaces the map with the resources discovery found.</summary>
    public void Update(IEnumerable<DiscoveredResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var map = new Dictionary<(string Group, string Kind), ApiResource>();
        foreach (var discovered in resources)
        {
            map.TryAdd((discovered.Resource.Group, discovered.Resource.Kind), discovered.Resource);
        }
        _byKind = map.ToFrozenDictionary();
    }

    /// <summary>The resource serving <paramref name="kind"/> of <paramref name="apiVersion"/>'s group.</summary>
    /// <exception cref="UnknownKindException">No served resource has that kind.</exception>
    public ApiResource Find(string apiVersion, string kind) =>
        _byKind.TryGetValue((ObjectIdentity.GroupOf(apiVersion), kind), out var resource)
            ? resource
            : throw new UnknownKindException($"no resource serves kind {kind} of apiVersion {apiVersion}");
}
