using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// Per topology domain, the weight of existing pods' terms that select the incoming pod — the existing pods'
/// required anti-affinity for PreFilter, their affinity terms for PreScore (the row function given says which) — kept
/// from one cycle to the next. Whether a term selects a pod depends only on the pod's namespace and labels, so while
/// consecutive pods share those (pods of one workload) only the nodes whose <see cref="NodeInfo.Version"/> moved since
/// are looked at again, and nodes no longer walked are taken out. Upstream walks every such node each cycle; the
/// counts are the same.
/// </summary>
/// <remarks>One scheduling cycle runs at a time per profile, so one instance per plugin needs no lock.</remarks>
internal sealed class ExistingPodTermCounts(Func<PodInfo, NodeInfo, (string Key, string Value, long Weight)[]> rowOf)
{
    private readonly Dictionary<NodeInfo, Row> _rows = new(ReferenceEqualityComparer.Instance);
    private TopologyCounts _total = new();
    private string? _query;
    private long _pass;

    /// <summary>
    /// The rows of PreFilter's count: a node's pods' required anti-affinity terms that select the incoming pod, each
    /// once in the domain of its topology key.
    /// </summary>
    public static (string Key, string Value, long Weight)[] RequiredAntiAffinityRow(PodInfo incoming, NodeInfo node)
    {
        var labels = node.Labels;
        var pods = node.PodsWithRequiredAntiAffinity;
        if (labels is null || pods.Count == 0)
        {
            return [];
        }
        List<(string, string, long)>? row = null;
        for (var p = 0; p < pods.Count; p++)
        {
            Add(ref row, pods[p].Affinity.RequiredAntiAffinity, incoming, labels, 1);
        }
        return row is null ? [] : [.. row];
    }

    /// <summary>
    /// The rows of PreScore's sum for a pod without preferred terms of its own: a node's pods' required affinity
    /// (weighted <paramref name="hardPodAffinityWeight"/>), preferred affinity (+weight) and preferred anti-affinity
    /// (−weight) terms that select the incoming pod, in the domain of each term's topology key.
    /// </summary>
    public static Func<PodInfo, NodeInfo, (string Key, string Value, long Weight)[]> AffinityScoreRow(int hardPodAffinityWeight) => (incoming, node) =>
    {
        var labels = node.Labels;
        var pods = node.PodsWithAffinity;
        if (labels is not { Count: > 0 } || pods.Count == 0)
        {
            return [];
        }
        List<(string, string, long)>? row = null;
        for (var p = 0; p < pods.Count; p++)
        {
            var theirs = pods[p].Affinity;
            if (hardPodAffinityWeight > 0)
            {
                Add(ref row, theirs.RequiredAffinity, incoming, labels, hardPodAffinityWeight);
            }
            foreach (var weighted in theirs.PreferredAffinity)
            {
                Add(ref row, [weighted.Term], incoming, labels, weighted.Weight);
            }
            foreach (var weighted in theirs.PreferredAntiAffinity)
            {
                Add(ref row, [weighted.Term], incoming, labels, -(long)weighted.Weight);
            }
        }
        return row is null ? [] : [.. row];
    };

    /// <summary>
    /// The counts for <paramref name="incoming"/> over <paramref name="nodes"/> (a copy: the caller may change it).
    /// </summary>
    public TopologyCounts Count(PodInfo incoming, IReadOnlyList<NodeInfo> nodes)
    {
        var query = QueryOf(incoming);
        if (query != _query)
        {
            _rows.Clear();
            _total = new TopologyCounts();
        }
        // Forgotten while counting: a count that throws leaves nothing half-updated for the next pod to trust.
        _query = null;
        var pass = ++_pass;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (_rows.TryGetValue(node, out var row))
            {
                row.Pass = pass;
                if (row.Version == node.Version)
                {
                    continue;
                }
                Apply(row.Entries, -1);
            }
            else
            {
                row = new Row { Pass = pass };
                _rows[node] = row;
            }
            row.Entries = rowOf(incoming, node);
            row.Version = node.Version;
            Apply(row.Entries, 1);
        }
        if (_rows.Count > nodes.Count)
        {
            foreach (var (node, row) in _rows.Where(entry => entry.Value.Pass != pass).ToList())
            {
                Apply(row.Entries, -1);
                _rows.Remove(node);
            }
        }
        _query = query;
        return _total.Clone();
    }

    private static void Add(ref List<(string, string, long)>? row, IReadOnlyList<AffinityTerm> terms, PodInfo incoming,
        IDictionary<string, string> labels, long weight)
    {
        for (var t = 0; t < terms.Count; t++)
        {
            if (terms[t].Matches(incoming) && labels.TryGetValue(terms[t].TopologyKey, out var value))
            {
                (row ??= []).Add((terms[t].TopologyKey, value, weight));
            }
        }
    }

    private void Apply((string Key, string Value, long Weight)[] row, long sign)
    {
        foreach (var (key, value, weight) in row)
        {
            _total.Add(key, value, sign * weight);
        }
    }

    /// <summary>What a term's match depends on: the pod's namespace and labels, as text.</summary>
    private static string QueryOf(PodInfo pod)
    {
        var labels = pod.Pod.Metadata?.Labels;
        if (labels is null || labels.Count == 0)
        {
            return pod.Namespace;
        }
        return pod.Namespace + "\n" + string.Join("\n", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
    }

    private sealed class Row
    {
        public (string Key, string Value, long Weight)[] Entries { get; set; } = [];

        public long Version { get; set; }

        public long Pass { get; set; }
    }
}
