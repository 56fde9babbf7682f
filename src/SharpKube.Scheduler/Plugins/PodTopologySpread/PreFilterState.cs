using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeAffinity;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// What Filter needs, worked out once per cycle at PreFilter: the pod's DoNotSchedule constraints, the matching pods
/// per domain of each, and each one's two emptiest domains. Preemption's AddPod/RemovePod change the counts of a
/// clone (<see cref="Clone"/> copies them; constraints are shared, they never change).
/// </summary>
internal sealed class PreFilterState : ICloneableStateData
{
    /// <summary>A state with <paramref name="constraints"/> and empty counts.</summary>
    public PreFilterState(SpreadConstraint[] constraints, bool[] selfMatch, RequiredNodeAffinity affinity)
    {
        Constraints = constraints;
        SelfMatch = selfMatch;
        Affinity = affinity;
        Counts = new Dictionary<string, int>[constraints.Length];
        Paths = new CriticalPaths[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            Counts[i] = new Dictionary<string, int>(StringComparer.Ordinal);
            Paths[i] = CriticalPaths.Empty;
        }
    }

    private PreFilterState(PreFilterState other)
    {
        Constraints = other.Constraints;
        SelfMatch = other.SelfMatch;
        Affinity = other.Affinity;
        Counts = [.. other.Counts.Select(c => new Dictionary<string, int>(c, StringComparer.Ordinal))];
        Paths = (CriticalPaths[])other.Paths.Clone();
    }

    /// <summary>The DoNotSchedule constraints.</summary>
    public SpreadConstraint[] Constraints { get; }

    /// <summary>Per constraint: whether the pod being scheduled matches its selector (then it counts itself).</summary>
    public bool[] SelfMatch { get; }

    /// <summary>The pod's node selector and required affinity (for the node inclusion policy).</summary>
    public RequiredNodeAffinity Affinity { get; }

    /// <summary>Per constraint: matching pods per eligible domain (a domain with none is present with 0).</summary>
    public Dictionary<string, int>[] Counts { get; }

    /// <summary>Per constraint: the two emptiest domains.</summary>
    public CriticalPaths[] Paths { get; }

    /// <summary>The global minimum of constraint <paramref name="i"/>: 0 while there are fewer domains than minDomains.</summary>
    public int MinMatch(int i) => Counts[i].Count < Constraints[i].MinDomains ? 0 : Paths[i].MinCount;

    /// <summary>Works out the critical paths from the counts (after PreFilter has added them up).</summary>
    public void ComputePaths()
    {
        for (var i = 0; i < Constraints.Length; i++)
        {
            foreach (var (domain, count) in Counts[i])
            {
                Paths[i].Update(domain, count);
            }
        }
    }

    /// <summary>
    /// Counts <paramref name="changed"/> <paramref name="delta"/> times (1: added, -1: removed) on <paramref name="node"/>
    /// for every constraint it matches, if the node is eligible for the pod being scheduled (<paramref name="pod"/>).
    /// </summary>
    public void Update(PodInfo pod, PodInfo changed, V1Node? node, int delta)
    {
        if (node is null || changed.Namespace != pod.Namespace)
        {
            return;
        }
        var nodeLabels = node.Metadata?.Labels;
        if (!SpreadConstraint.HasAllKeys(nodeLabels, Constraints))
        {
            return;
        }
        var labels = PodLabelSelectors.LabelsOf(changed.Pod);
        for (var i = 0; i < Constraints.Length; i++)
        {
            var c = Constraints[i];
            if (!c.Selector.Matches(labels) || !c.Includes(node, pod, Affinity))
            {
                continue;
            }
            var domain = nodeLabels![c.TopologyKey];
            var count = Counts[i].GetValueOrDefault(domain) + delta;
            Counts[i][domain] = count;
            Paths[i].Update(domain, count);
        }
    }

    /// <inheritdoc/>
    public object Clone() => new PreFilterState(this);
}
