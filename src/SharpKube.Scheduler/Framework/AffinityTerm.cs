using k8s.Models;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// One parsed pod (anti-)affinity term (upstream's <c>framework.AffinityTerm</c>): which pods it selects — by label
/// selector, in the listed namespaces or those its namespace selector picks — and the node label that makes a
/// topology domain.
/// </summary>
public sealed class AffinityTerm
{
    private readonly string[] _namespaces;

    private AffinityTerm(string[] namespaces, LabelSelectorMatcher namespaceSelector, LabelSelectorMatcher selector, string topologyKey)
    {
        _namespaces = namespaces;
        NamespaceSelector = namespaceSelector;
        Selector = selector;
        TopologyKey = topologyKey;
    }

    /// <summary>The namespaces named outright (the owner's own when the term names none and has no namespace selector).</summary>
    public IReadOnlyList<string> Namespaces => _namespaces;

    /// <summary>The namespace selector (nothing when unset).</summary>
    public LabelSelectorMatcher NamespaceSelector { get; }

    /// <summary>The pod label selector, with <c>matchLabelKeys</c>/<c>mismatchLabelKeys</c> merged in.</summary>
    public LabelSelectorMatcher Selector { get; }

    /// <summary>The node label whose value names the topology domain.</summary>
    public string TopologyKey { get; }

    /// <summary>Parses <paramref name="term"/> of the pod <paramref name="owner"/>; null with <paramref name="error"/> when a selector does not parse.</summary>
    public static AffinityTerm? Parse(V1Pod owner, string ownerNamespace, V1PodAffinityTerm term, out string? error)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(term);
        if (LabelSelectorMatcher.Parse(term.LabelSelector, out error) is not { } selector
            || LabelSelectorMatcher.Parse(term.NamespaceSelector, out error) is not { } namespaceSelector)
        {
            return null;
        }
        string[] namespaces = term.Namespaces is not { Count: > 0 } && term.NamespaceSelector is null ? [ownerNamespace] : [.. term.Namespaces ?? []];
        return new(namespaces, namespaceSelector, selector.With(LabelKeyRequirements(owner, term)), term.TopologyKey ?? "");
    }

    /// <summary>
    /// Whether <paramref name="pod"/> is one this term selects. The namespace selector sees only the label every
    /// namespace has, its name (the scheduler has no namespace informer yet): <c>{}</c> selects all namespaces.
    /// </summary>
    public bool Matches(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return (Array.IndexOf(_namespaces, pod.Namespace) >= 0 || NamespaceSelector.MatchesNamespace(pod.Namespace))
            && Selector.Matches(pod.Pod.Metadata?.Labels);
    }

    /// <summary>
    /// <c>matchLabelKeys</c> (key In the owner's value) and <c>mismatchLabelKeys</c> (key NotIn it), for keys the
    /// owner has, when the term has a label selector — what upstream's API server merges into the selector at creation.
    /// </summary>
    private static List<LabelRequirement> LabelKeyRequirements(V1Pod owner, V1PodAffinityTerm term)
    {
        var requirements = new List<LabelRequirement>();
        var labels = owner.Metadata?.Labels;
        if (term.LabelSelector is null || labels is null)
        {
            return requirements;
        }
        foreach (var key in term.MatchLabelKeys ?? [])
        {
            if (labels.TryGetValue(key, out var value))
            {
                requirements.Add(new(key, LabelSelectorOperator.In, [value]));
            }
        }
        foreach (var key in term.MismatchLabelKeys ?? [])
        {
            if (labels.TryGetValue(key, out var value))
            {
                requirements.Add(new(key, LabelSelectorOperator.NotIn, [value]));
            }
        }
        return requirements;
    }
}
