namespace SharpKube.Scheduler.Framework;

/// <summary>
/// The nodes as one scheduling cycle sees them: the cache copies into it, before each cycle, only the nodes that
/// changed since the last one (by generation), so a cycle in a quiet 5,000-node cluster copies nothing. The node
/// list keeps the cache's zone-interleaved order and is rebuilt only when nodes come or go.
/// </summary>
public sealed class Snapshot
{
    /// <summary>An empty snapshot (the cache fills it).</summary>
    public Snapshot()
    {
    }

    /// <summary>The nodes by name.</summary>
    internal Dictionary<string, NodeInfo> Map { get; } = new(StringComparer.Ordinal);

    /// <summary>The nodes in scheduling order.</summary>
    internal List<NodeInfo> List { get; } = [];

    /// <summary>The newest node generation copied in.</summary>
    internal long Generation { get; set; }

    /// <summary>The cache's node-set version the list was built at (-1: never).</summary>
    internal long NodeSetVersion { get; set; } = -1;

    /// <summary>The nodes, in the order the cycle walks them.</summary>
    public IReadOnlyList<NodeInfo> NodeInfos => List;

    /// <summary>
    /// The nodes running at least one pod with affinity or anti-affinity terms, as upstream's
    /// <c>HavePodsWithAffinityList</c>: InterPodAffinity scores a pod without preferred terms of its own against these
    /// only, instead of walking every node.
    /// </summary>
    public IReadOnlyList<NodeInfo> HavePodsWithAffinity =>
        IsKeptByCache ? _havePodsWithAffinity : List.Where(n => n.PodsWithAffinity.Count > 0).ToList();

    /// <summary>The nodes running at least one pod with required anti-affinity terms (upstream's <c>HavePodsWithRequiredAntiAffinityList</c>).</summary>
    public IReadOnlyList<NodeInfo> HavePodsWithRequiredAntiAffinity =>
        IsKeptByCache ? _havePodsWithRequiredAntiAffinity : List.Where(n => n.PodsWithRequiredAntiAffinity.Count > 0).ToList();

    private readonly List<NodeInfo> _havePodsWithAffinity = [];
    private readonly List<NodeInfo> _havePodsWithRequiredAntiAffinity = [];

    /// <summary>Whether the cache keeps this snapshot (and its affinity lists) up to date; fixed snapshots work the lists out on demand.</summary>
    private bool IsKeptByCache => NodeSetVersion >= 0;

    /// <summary>Rebuilds the affinity lists from the node list, in its order (the cache calls it when they may have changed).</summary>
    internal void RefreshAffinityLists()
    {
        _havePodsWithAffinity.Clear();
        _havePodsWithRequiredAntiAffinity.Clear();
        foreach (var node in List)
        {
            if (node.PodsWithAffinity.Count > 0)
            {
                _havePodsWithAffinity.Add(node);
            }
            if (node.PodsWithRequiredAntiAffinity.Count > 0)
            {
                _havePodsWithRequiredAntiAffinity.Add(node);
            }
        }
    }

    /// <summary>How many nodes there are.</summary>
    public int NumNodes => List.Count;

    /// <summary>A fixed snapshot of <paramref name="nodes"/> (for tests and tools; the scheduler's is kept by the cache).</summary>
    public static Snapshot Of(IEnumerable<NodeInfo> nodes)
    {
        var snapshot = new Snapshot();
        foreach (var node in nodes)
        {
            snapshot.Map[node.Name] = node;
            snapshot.List.Add(node);
        }
        return snapshot;
    }

    /// <summary>The node named <paramref name="name"/>, or null.</summary>
    public NodeInfo? Get(string name) => Map.GetValueOrDefault(name);
}
