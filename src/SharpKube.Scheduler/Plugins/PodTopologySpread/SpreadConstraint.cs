using k8s.Models;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeAffinity;
using SharpKube.Scheduler.Plugins.TaintToleration;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// One topology spread constraint as the plugin works with it: the selector compiled (with the pod's
/// <c>matchLabelKeys</c> values merged in), <c>minDomains</c> defaulted to 1 and the node inclusion policies read
/// (nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore by default).
/// </summary>
internal sealed record SpreadConstraint
{
    /// <summary>The node label of hosts: counted per node rather than per domain when scoring.</summary>
    public const string HostnameKey = NodeInfo.HostnameLabel;

    /// <summary>The node label of zones.</summary>
    public const string ZoneKey = NodeInfo.ZoneLabel;

    /// <summary>The largest allowed difference between a domain's matching pods and the global minimum.</summary>
    public required int MaxSkew { get; init; }

    /// <summary>The node label whose values are the domains.</summary>
    public required string TopologyKey { get; init; }

    /// <summary>Which pods count.</summary>
    public required LabelSelector Selector { get; init; }

    /// <summary>Below this many eligible domains the global minimum is taken as 0.</summary>
    public int MinDomains { get; init; } = 1;

    /// <summary>Whether only nodes matching the pod's node selector and required node affinity count (Honor).</summary>
    public bool HonorNodeAffinity { get; init; } = true;

    /// <summary>Whether nodes with taints the pod does not tolerate are left out (Honor).</summary>
    public bool HonorNodeTaints { get; init; }

    /// <summary>Whether the domains are single nodes.</summary>
    public bool IsHostname => TopologyKey == HostnameKey;

    /// <summary>
    /// The constraints of <paramref name="constraints"/> with <paramref name="action"/> (DoNotSchedule or
    /// ScheduleAnyway), as upstream's <c>filterTopologySpreadConstraints</c>.
    /// </summary>
    /// <exception cref="SelectorParseException">A label selector is invalid.</exception>
    public static SpreadConstraint[] Select(IEnumerable<V1TopologySpreadConstraint>? constraints, IDictionary<string, string>? podLabels, string action)
    {
        List<SpreadConstraint>? selected = null;
        foreach (var c in constraints ?? [])
        {
            if (c.WhenUnsatisfiable != action)
            {
                continue;
            }
            var selector = PodLabelSelectors.From(c.LabelSelector);
            if (c.MatchLabelKeys is { Count: > 0 } keys && podLabels is not null)
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    if (podLabels.TryGetValue(key, out var value))
                    {
                        values[key] = value;
                    }
                }
                if (values.Count > 0)
                {
                    selector = PodLabelSelectors.Merge(values, selector);
                }
            }
            (selected ??= []).Add(new SpreadConstraint
            {
                MaxSkew = c.MaxSkew,
                TopologyKey = c.TopologyKey ?? "",
                Selector = selector,
                MinDomains = c.MinDomains ?? 1,
                HonorNodeAffinity = c.NodeAffinityPolicy != "Ignore",
                HonorNodeTaints = c.NodeTaintsPolicy == "Honor",
            });
        }
        return selected is null ? [] : [.. selected];
    }

    /// <summary>Whether <paramref name="labels"/> has every constraint's topology key.</summary>
    public static bool HasAllKeys(IDictionary<string, string>? labels, SpreadConstraint[] constraints)
    {
        foreach (var c in constraints)
        {
            if (labels is null || !labels.ContainsKey(c.TopologyKey))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The node's domain: its value of the topology key ("" when it has none).</summary>
    public string DomainOf(IDictionary<string, string>? nodeLabels) =>
        nodeLabels is not null && nodeLabels.TryGetValue(TopologyKey, out var value) ? value : "";

    /// <summary>Whether <paramref name="node"/>'s pods count for this constraint, by the node inclusion policies.</summary>
    public bool Includes(V1Node node, PodInfo pod, RequiredNodeAffinity affinity)
    {
        if (HonorNodeAffinity && !affinity.Matches(node))
        {
            return false;
        }
        if (HonorNodeTaints && node.Spec?.Taints is { Count: > 0 } taints)
        {
            for (var i = 0; i < taints.Count; i++)
            {
                if (taints[i].Effect is Tolerations.NoSchedule or Tolerations.NoExecute && !Tolerations.AnyTolerates(pod.Tolerations, taints[i]))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>How many of <paramref name="pods"/> are in <paramref name="ns"/>, not terminating, and selected.</summary>
    public int CountMatching(IReadOnlyList<PodInfo> pods, string ns)
    {
        var count = 0;
        for (var i = 0; i < pods.Count; i++)
        {
            var pod = pods[i];
            if (pod.Namespace == ns && !pod.IsBeingDeleted && Selector.Matches(PodLabelSelectors.LabelsOf(pod.Pod)))
            {
                count++;
            }
        }
        return count;
    }
}
