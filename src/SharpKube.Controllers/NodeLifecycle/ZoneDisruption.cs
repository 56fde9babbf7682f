using k8s.Models;

namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>
/// Upstream's disruption handling: each zone's state from its nodes' Ready conditions, the tainting rate each state
/// allows, and the cluster-wide mode when every zone is fully disrupted — then the control plane, not the nodes, is
/// the likely fault, so no node is tainted for eviction and the taints already placed are lifted.
/// </summary>
internal sealed class ZoneDisruption(NodeLifecycleOptions options)
{
    private readonly Dictionary<string, ZoneState> _states = new(StringComparer.Ordinal);

    /// <summary>The zone key of a node: region and zone from the topology labels, as upstream builds it.</summary>
    public static string ZoneOf(V1Node node)
    {
        var labels = node.Metadata.Labels;
        string Label(string key, string beta) =>
            labels is null ? "" : labels.TryGetValue(key, out var value) || labels.TryGetValue(beta, out value) ? value : "";
        var region = Label("topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region");
        var zone = Label("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone");
        return region.Length == 0 && zone.Length == 0 ? "" : region + ":\0:" + zone;
    }

    /// <summary>A zone's state from the Ready conditions of its nodes.</summary>
    public ZoneState StateOf(IReadOnlyCollection<V1NodeCondition?> readyConditions)
    {
        var ready = readyConditions.Count(c => c?.Status == "True");
        var notReady = readyConditions.Count - ready;
        if (ready == 0 && notReady > 0)
        {
            return ZoneState.FullDisruption;
        }
        return notReady > 2 && (double)notReady / readyConditions.Count >= options.UnhealthyZoneThreshold
            ? ZoneState.PartialDisruption
            : ZoneState.Normal;
    }

    /// <summary>The tainting rate for a zone of <paramref name="size"/> nodes in <paramref name="state"/>.</summary>
    public double RateFor(ZoneState state, int size) => state switch
    {
        ZoneState.PartialDisruption => size > options.LargeClusterSizeThreshold ? options.SecondaryEvictionRate : 0,
        _ => options.EvictionRate,
    };

    /// <summary>
    /// Takes this pass's Ready conditions per zone and says what changes: new rates per zone, and whether the
    /// cluster just entered or left full disruption.
    /// </summary>
    public ZoneDecision Evaluate(IReadOnlyDictionary<string, List<V1NodeCondition?>> zones)
    {
        var newStates = zones.ToDictionary(z => z.Key, z => StateOf(z.Value), StringComparer.Ordinal);
        var allAreFullyDisrupted = newStates.Values.All(s => s == ZoneState.FullDisruption);
        foreach (var zone in newStates.Keys)
        {
            _states.TryAdd(zone, ZoneState.Initial);
        }
        foreach (var gone in _states.Keys.Where(z => !zones.ContainsKey(z)).ToList())
        {
            _states.Remove(gone);
        }
        var allWereFullyDisrupted = _states.Values.All(s => s == ZoneState.FullDisruption);
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        if (allAreFullyDisrupted && allWereFullyDisrupted)
        {
            return new ZoneDecision(rates, Entered: false, Left: false);
        }
        if (allAreFullyDisrupted)
        {
            foreach (var zone in newStates.Keys)
            {
                rates[zone] = 0;
                _states[zone] = ZoneState.FullDisruption;
            }
            return new ZoneDecision(rates, Entered: true, Left: false);
        }
        foreach (var (zone, state) in newStates)
        {
            if (allWereFullyDisrupted || _states[zone] != state)
            {
                rates[zone] = RateFor(state, zones[zone].Count);
                _states[zone] = state;
            }
        }
        return new ZoneDecision(rates, Entered: false, Left: allWereFullyDisrupted);
    }
}
