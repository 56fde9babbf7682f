using k8s.Models;

namespace SharpKube.Scheduler.Plugins.NodeAffinity;

/// <summary>
/// A pod's preferred node affinity: the sum of the weights of the terms a node matches. Terms of weight 0 count for
/// nothing and are dropped, as upstream; so are terms that do not parse (upstream fails PreScore on them, but its API
/// server never lets them in, and ours validates less: ignoring a bad preference beats failing the pod).
/// </summary>
internal sealed class PreferredNodeAffinity
{
    private readonly (int Weight, NodeSelectorTermMatcher Term)[] _terms;

    private PreferredNodeAffinity((int Weight, NodeSelectorTermMatcher Term)[] terms) => _terms = terms;

    /// <summary>Whether any term can add to a score.</summary>
    public bool IsEmpty => _terms.Length == 0;

    /// <summary>The pod's preferred terms.</summary>
    public static PreferredNodeAffinity Of(V1Pod pod)
    {
        var preferred = pod.Spec?.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        return Of(preferred);
    }

    /// <summary>Preferred terms alone (a profile's added affinity).</summary>
    public static PreferredNodeAffinity Of(IList<V1PreferredSchedulingTerm>? preferred)
    {
        if (preferred is not { Count: > 0 })
        {
            return new([]);
        }
        var terms = new List<(int, NodeSelectorTermMatcher)>(preferred.Count);
        foreach (var term in preferred)
        {
            if (term.Weight != 0 && NodeSelectorTermMatcher.Parse(term.Preference, out _) is { } matcher)
            {
                terms.Add((term.Weight, matcher));
            }
        }
        return new([.. terms]);
    }

    /// <summary>The sum of the weights of the terms <paramref name="node"/> matches.</summary>
    public long Score(V1Node node)
    {
        long score = 0;
        foreach (var (weight, term) in _terms)
        {
            if (term.Matches(node))
            {
                score += weight;
            }
        }
        return score;
    }
}
