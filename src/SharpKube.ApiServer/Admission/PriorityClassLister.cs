using System.Text.Json.Nodes;
using SharpKube.ApiServer.WatchCache;

namespace SharpKube.ApiServer.Admission;

/// <summary>
/// The PriorityClasses as the watch cache holds them (upstream's admission plugin reads an informer's lister the same
/// way). The cache may trail a class created a moment ago, so a lookup that misses can ask it to catch up with the
/// datastore first.
/// </summary>
public sealed class PriorityClassLister
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(5);
    private readonly Func<IReadOnlyList<PriorityClassInfo>> _list;
    private readonly ClusterWatchCache? _watchCache;

    private PriorityClassLister(Func<IReadOnlyList<PriorityClassInfo>> list, ClusterWatchCache? watchCache)
    {
        _list = list;
        _watchCache = watchCache;
    }

    /// <summary>
    /// A lister over the PriorityClass cache <paramref name="cache"/> returns (null until the resources are wired),
    /// catching up through <paramref name="watchCache"/>.
    /// </summary>
    public static PriorityClassLister FromCache(Func<ResourceCache?> cache, ClusterWatchCache watchCache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return new(() => cache() is { } resources
            ? [.. resources.List(new ObjectFilter(null, null), null, 0, out _, out _).Select(o => PriorityClassInfo.From((JsonObject)JsonNode.Parse(o.Json)!))]
            : [], watchCache);
    }

    /// <summary>A lister of fixed classes (for tests and tools).</summary>
    public static PriorityClassLister Of(params PriorityClassInfo[] classes) => new(() => classes, null);

    /// <summary>Every PriorityClass in the cache.</summary>
    public IReadOnlyList<PriorityClassInfo> List() => _list();

    /// <summary>Waits (a few seconds at most) until the cache has every change the datastore has.</summary>
    public async ValueTask CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_watchCache is not null)
        {
            await _watchCache.WaitUntilCurrentAsync(CatchUpTimeout, cancellationToken).ConfigureAwait(false);
        }
    }
}
