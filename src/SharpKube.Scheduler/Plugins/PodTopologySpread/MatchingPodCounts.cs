using k8s;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// PreFilter's per-node counts of matching pods (a row per node, a column per constraint; -1 where the node does not
/// count), kept from one cycle to the next. When the next pod asks the same question — same namespace, constraints
/// (topology keys, selectors, inclusion policies), node affinity and tolerations where the policies look at them —
/// only the nodes whose <see cref="NodeInfo.Version"/> moved since are counted again: for consecutive pods of one
/// workload, the node the previous pod went to. Upstream recounts every node each cycle; the sums are the same.
/// </summary>
/// <remarks>One scheduling cycle runs at a time per profile, so one instance per plugin needs no lock; rows of distinct
/// nodes are written from several threads at once.</remarks>
internal sealed class MatchingPodCounts
{
    private string? _query;
    private object? _tolerations;
    private int _width;
    private NodeInfo?[] _nodes = [];
    private long[] _versions = [];
    private int[] _rows = [];

    /// <summary>The rows, one entry per constraint for each node (valid after <see cref="Count"/>).</summary>
    public int[] Rows => _rows;

    /// <summary>
    /// Fills a row per node of <paramref name="nodes"/> with <paramref name="countRow"/> (node index, first entry),
    /// reusing the rows of nodes unchanged since the previous call with the same question; <paramref name="variant"/>
    /// is whatever else the rows depend on.
    /// </summary>
    public void Count(SpreadConstraint[] constraints, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Parallelizer parallelizer,
        Action<int, int> countRow, string variant = "")
    {
        var width = constraints.Length;
        var query = variant + "\n" + QueryOf(constraints, pod);
        var tolerations = constraints.Any(c => c.HonorNodeTaints) ? pod.Tolerations : null;
        var reuse = query == _query && ReferenceEquals(tolerations, _tolerations) && width == _width && _nodes.Length == nodes.Count;
        if (!reuse && _nodes.Length == nodes.Count && _rows.Length == nodes.Count * width)
        {
            Array.Clear(_nodes);
        }
        else if (!reuse)
        {
            _nodes = new NodeInfo?[nodes.Count];
            _versions = new long[nodes.Count];
            _rows = new int[nodes.Count * width];
        }
        // Forgotten while counting: a count that throws leaves no half-filled rows for the next pod to trust.
        _query = null;
        parallelizer.Until(nodes.Count, i =>
        {
            var node = nodes[i];
            if (reuse && ReferenceEquals(_nodes[i], node) && _versions[i] == node.Version)
            {
                return true;
            }
            countRow(i, i * width);
            _nodes[i] = node;
            _versions[i] = node.Version;
            return true;
        });
        (_query, _tolerations, _width) = (query, tolerations, width);
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
