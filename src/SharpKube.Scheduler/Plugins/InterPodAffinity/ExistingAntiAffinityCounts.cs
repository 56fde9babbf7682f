using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// PreFilter's count, per topology domain, of existing pods whose required anti-affinity selects the incoming pod,
/// kept from one cycle to the next. Whether a term selects a pod depends only on the pod's namespace and labels, so
/// while consecutive pods share those (pods of one workload) only the nodes whose <see cref="NodeInfo.Version"/>
/// moved since are looked at again, and nodes no longer walked are taken out. Upstream walks every such node each
/// cycle; the counts are the same.
/// </summary>
/// <remarks>One scheduling cycle runs at a time per profile, so one instance per plugin needs no lock.</remarks>
internal sealed class ExistingAntiAffinityCounts
{
    private readonly Dictionary<NodeInfo, Row> _rows = new(ReferenceEqualityComparer.Instance);
    private TopologyCounts _total = new();
    private string? _query;
    private long _pass;

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
                Apply(row.Domains, -1);
            }
            else
            {
                row = new Row { Pass = pass };
                _rows[node] = row;
            }
            row.Domains = DomainsOf(incoming, node);
            row.Version = node.Version;
            Apply(row.Domains, 1);
        }
        if (_rows.Count > nodes.Count)
        {
            foreach (var (node, row) in _rows.Where(entry => entry.Value.Pass != pass).ToList())
            {
                Apply(row.Domains, -1);
                _rows.Remove(node);
            }
        }
        _query = query;
        return _total.Clone();
    }

    /// <summary>The domains (topology key, node's value) of the node's pods' required anti-affinity terms that select <paramref name="incoming"/>.</summary>
    private static (string Key, string Value)[] DomainsOf(PodInfo incoming, NodeInfo node)
    {
        var labels = node.Node?.Metadata?.Labels;
        var pods = node.PodsWithRequiredAntiAffinity;
        if (labels is null || pods.Count == 0)
        {
            return [];
        }
        List<(string, string)>? domains = null;
        for (var p = 0; p < pods.Count; p++)
        {
            var terms = pods[p].Affinity.RequiredAntiAffinity;
            for (var t = 0; t < terms.Count; t++)
            {
                if (terms[t].Matches(incoming) && labels.TryGetValue(terms[t].TopologyKey, out var value))
                {
                    (domains ??= []).Add((terms[t].TopologyKey, value));
                }
            }
        }
        return domains is null ? [] : [.. domains];
    }

    private void Apply((string Key, string Value)[] domains, long sign)
    {
        foreach (var (key, value) in domains)
        {
            _total.Add(key, value, sign);
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
        public (string Key, string Value)[] Domains { get; set; } = [];

        public long Version { get; set; }

        public long Pass { get; set; }
    }
}
