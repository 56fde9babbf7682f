using System.Runtime.InteropServices;
using k8s;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// The matching pods per topology domain that PreFilter and PreScore add up, kept from one cycle to the next with the
/// per-node counts they are made of (a row per node, a column per constraint; -1 where the node does not count). When
/// the next pod asks the same question — same namespace, constraints (topology keys, selectors, inclusion policies),
/// node affinity and tolerations where the policies look at them — only the nodes whose
/// <see cref="NodeInfo.Version"/> moved since are counted again and their old counts swapped for the new in the
/// domain totals: for consecutive pods of one workload, the node the previous pod went to. Upstream recounts and
/// re-adds every node each cycle; the totals are the same.
/// </summary>
/// <remarks>One scheduling cycle runs at a time per profile, so one instance per plugin needs no lock; rows of distinct
/// nodes are written from several threads at once when everything is counted afresh.</remarks>
internal sealed class MatchingPodCounts
{
    private string? _query;
    private object? _tolerations;
    private int _width;
    private NodeInfo?[] _nodes = [];
    private long[] _versions = [];
    private int[] _rows = [];
    private string?[] _domains = [];
    private Dictionary<string, DomainTotal>[] _totals = [];

    /// <summary>The rows, one entry per constraint for each node (written by the count callback).</summary>
    public int[] Rows => _rows;

    /// <summary>Constraint <paramref name="constraint"/>'s domains with at least one counted node, and their matching pods.</summary>
    public IReadOnlyDictionary<string, DomainTotal> Totals(int constraint) => _totals[constraint];

    /// <summary>
    /// Brings the totals up to date for <paramref name="pod"/> over <paramref name="nodes"/>, filling the row of each
    /// node that needs counting with <paramref name="countRow"/> (node index, first entry); <paramref name="variant"/>
    /// is whatever else the rows depend on.
    /// </summary>
    public void Count(SpreadConstraint[] constraints, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Parallelizer parallelizer,
        Action<int, int> countRow, string variant = "")
    {
        var width = constraints.Length;
        var query = variant + "\n" + QueryOf(constraints, pod);
        var tolerations = constraints.Any(c => c.HonorNodeTaints) ? pod.Tolerations : null;
        var reuse = query == _query && ReferenceEquals(tolerations, _tolerations) && width == _width && _nodes.Length == nodes.Count;
        // Forgotten while counting: a count that throws leaves no half-updated totals for the next pod to trust.
        _query = null;
        if (reuse)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                if (ReferenceEquals(_nodes[i], node) && _versions[i] == node.Version)
                {
                    continue;
                }
                AddToTotals(i, width, -1);
                countRow(i, i * width);
                Record(i, node, constraints);
                AddToTotals(i, width, 1);
            }
        }
        else
        {
            Reset(nodes.Count, width);
            parallelizer.Until(nodes.Count, i =>
            {
                countRow(i, i * width);
                Record(i, nodes[i], constraints);
                return true;
            });
            for (var i = 0; i < nodes.Count; i++)
            {
                AddToTotals(i, width, 1);
            }
        }
        (_query, _tolerations, _width) = (query, tolerations, width);
    }

    private void Reset(int nodeCount, int width)
    {
        if (_nodes.Length != nodeCount || _rows.Length != nodeCount * width)
        {
            _nodes = new NodeInfo?[nodeCount];
            _versions = new long[nodeCount];
            _rows = new int[nodeCount * width];
            _domains = new string?[nodeCount * width];
        }
        else
        {
            Array.Clear(_nodes);
            Array.Clear(_domains);
        }
        _totals = [.. Enumerable.Range(0, width).Select(_ => new Dictionary<string, DomainTotal>(StringComparer.Ordinal))];
    }

    /// <summary>Remembers the node's version and, for each counted entry of its row, its domain ("" without the key).</summary>
    private void Record(int i, NodeInfo node, SpreadConstraint[] constraints)
    {
        _nodes[i] = node;
        _versions[i] = node.Version;
        var labels = node.Labels;
        for (var j = 0; j < constraints.Length; j++)
        {
            var at = (i * constraints.Length) + j;
            _domains[at] = _rows[at] >= 0 ? constraints[j].DomainOf(labels) : null;
        }
    }

    private void AddToTotals(int i, int width, int sign)
    {
        for (var j = 0; j < width; j++)
        {
            var at = (i * width) + j;
            if (_domains[at] is not { } domain)
            {
                continue;
            }
            ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(_totals[j], domain, out _);
            total = new DomainTotal(total.Pods + (sign * _rows[at]), total.Nodes + sign);
            if (total.Nodes == 0)
            {
                _totals[j].Remove(domain);
            }
        }
    }

    /// <summary>Everything besides the node and its pods that a row depends on, as text.</summary>
    private static string QueryOf(SpreadConstraint[] constraints, PodInfo pod)
    {
        var parts = new List<string>(constraints.Length + 2) { pod.Namespace };
        foreach (var c in constraints)
        {
            parts.Add($"{c.TopologyKey}\t{c.Selector}\t{c.HonorNodeAffinity}\t{c.HonorNodeTaints}");
        }
        if (constraints.Any(c => c.HonorNodeAffinity))
        {
            var spec = pod.Pod.Spec;
            parts.Add(KubernetesJson.Serialize(new object?[] { spec?.NodeSelector, spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution }));
        }
        return string.Join("\n", parts);
    }
}

/// <summary>A topology domain's matching pods, and how many of its nodes were counted.</summary>
internal readonly record struct DomainTotal(long Pods, int Nodes);
