using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// What Filter needs, worked out once per cycle at PreFilter: per topology domain, how many existing pods' required
/// anti-affinity terms the incoming pod matches, and how many existing pods match the incoming pod's required
/// affinity (all terms) and anti-affinity terms. Preemption and nominated pods change the counts through
/// <see cref="Update"/> on a clone.
/// </summary>
internal sealed class PreFilterState : ICloneableStateData
{
    public PreFilterState(PodInfo pod, TopologyCounts existingAntiAffinity, TopologyCounts affinity, TopologyCounts antiAffinity)
    {
        Pod = pod;
        ExistingAntiAffinity = existingAntiAffinity;
        Affinity = affinity;
        AntiAffinity = antiAffinity;
        MatchesOwnAffinity = MatchesAll(pod.Affinity.RequiredAffinity, pod);
    }

    /// <summary>The pod being scheduled.</summary>
    public PodInfo Pod { get; }

    /// <summary>Domains with existing pods whose required anti-affinity the incoming pod matches.</summary>
    public TopologyCounts ExistingAntiAffinity { get; }

    /// <summary>Domains with existing pods matching all of the incoming pod's required affinity terms.</summary>
    public TopologyCounts Affinity { get; }

    /// <summary>Domains with existing pods matching the incoming pod's required anti-affinity terms.</summary>
    public TopologyCounts AntiAffinity { get; }

    /// <summary>The pod matches all its own required affinity terms (so it may be the first of its group).</summary>
    public bool MatchesOwnAffinity { get; }

    /// <summary>Whether <paramref name="pod"/> matches every one of <paramref name="terms"/> (false when there are none).</summary>
    public static bool MatchesAll(IReadOnlyList<AffinityTerm> terms, PodInfo pod)
    {
        if (terms.Count == 0)
        {
            return false;
        }
        for (var i = 0; i < terms.Count; i++)
        {
            if (!terms[i].Matches(pod))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Counts <paramref name="existing"/>, on the node labelled <paramref name="nodeLabels"/>, <paramref name="sign"/> times (1 add, -1 remove).</summary>
    public void Update(PodInfo existing, IDictionary<string, string>? nodeLabels, int sign)
    {
        CountExistingAntiAffinity(Pod, existing, nodeLabels, sign, ExistingAntiAffinity, gate: null);
        CountIncomingTerms(Pod, existing, nodeLabels, sign, Affinity, AntiAffinity, gate: null);
    }

    /// <summary>
    /// Counts the domains of <paramref name="existing"/>'s required anti-affinity terms that <paramref name="incoming"/>
    /// matches, into <paramref name="counts"/> (under <paramref name="gate"/> when several threads count).
    /// </summary>
    public static void CountExistingAntiAffinity(PodInfo incoming, PodInfo existing, IDictionary<string, string>? nodeLabels, long sign,
        TopologyCounts counts, object? gate)
    {
        var terms = existing.Affinity.RequiredAntiAffinity;
        for (var i = 0; i < terms.Count; i++)
        {
            AddIfLabelled(terms[i].Matches(incoming), nodeLabels, terms[i].TopologyKey, sign, counts, gate);
        }
    }

    /// <summary>
    /// Counts <paramref name="existing"/> against the incoming pod's required terms: for affinity, every term's domain
    /// when it matches all terms; for anti-affinity, the domain of each term it matches (under <paramref name="gate"/>
    /// when several threads count).
    /// </summary>
    public static void CountIncomingTerms(PodInfo incoming, PodInfo existing, IDictionary<string, string>? nodeLabels, long sign,
        TopologyCounts affinity, TopologyCounts antiAffinity, object? gate)
    {
        var affinityTerms = incoming.Affinity.RequiredAffinity;
        if (MatchesAll(affinityTerms, existing))
        {
            for (var i = 0; i < affinityTerms.Count; i++)
            {
                AddIfLabelled(true, nodeLabels, affinityTerms[i].TopologyKey, sign, affinity, gate);
            }
        }
        var antiTerms = incoming.Affinity.RequiredAntiAffinity;
        for (var i = 0; i < antiTerms.Count; i++)
        {
            AddIfLabelled(antiTerms[i].Matches(existing), nodeLabels, antiTerms[i].TopologyKey, sign, antiAffinity, gate);
        }
    }

    /// <inheritdoc/>
    public object Clone() => new PreFilterState(Pod, ExistingAntiAffinity.Clone(), Affinity.Clone(), AntiAffinity.Clone());

    /// <summary>Counts the node's domain for <paramref name="topologyKey"/> when the term matched and the node has the key.</summary>
    public static void AddIfLabelled(bool matched, IDictionary<string, string>? nodeLabels, string topologyKey, long sign, TopologyCounts counts,
        object? gate)
    {
        if (!matched || nodeLabels is null || !nodeLabels.TryGetValue(topologyKey, out var value))
        {
            return;
        }
        // Matches are few next to the pods looked at, so one shared table under an uncontended lock beats a table per node.
        if (gate is null)
        {
            counts.Add(topologyKey, value, sign);
            return;
        }
        lock (gate)
        {
            counts.Add(topologyKey, value, sign);
        }
    }
}
