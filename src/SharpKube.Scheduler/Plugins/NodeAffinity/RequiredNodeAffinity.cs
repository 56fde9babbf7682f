using k8s.Models;

namespace SharpKube.Scheduler.Plugins.NodeAffinity;

/// <summary>
/// What a node must have for the pod: every <c>spec.nodeSelector</c> label AND, when the pod has required node
/// affinity, one of its terms (terms are ORed, a term's requirements ANDed). Terms that do not parse are dropped and
/// remembered in <see cref="Errors"/>: they match no node, as upstream's lazy-error selector, so a malformed term
/// makes the pod unschedulable rather than failing the cycle.
/// </summary>
internal sealed class RequiredNodeAffinity
{
    private readonly KeyValuePair<string, string>[] _nodeSelector;

    // Null: the pod has no required node affinity, so only the node selector counts.
    private readonly NodeSelectorTermMatcher[]? _terms;

    private RequiredNodeAffinity(KeyValuePair<string, string>[] nodeSelector, NodeSelectorTermMatcher[]? terms, string[] errors)
    {
        _nodeSelector = nodeSelector;
        _terms = terms;
        Errors = errors;
    }

    /// <summary>Why terms were dropped (empty when all parsed).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The pod's node selector and required node affinity.</summary>
    public static RequiredNodeAffinity Of(V1Pod pod)
    {
        var spec = pod.Spec;
        KeyValuePair<string, string>[] selector = spec?.NodeSelector is { Count: > 0 } s ? [.. s] : [];
        if (spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is not { } required)
        {
            return new(selector, null, []);
        }
        return Of(selector, required);
    }

    /// <summary>A node selector's terms alone (a profile's added affinity).</summary>
    public static RequiredNodeAffinity Of(V1NodeSelector required) => Of([], required);

    private static RequiredNodeAffinity Of(KeyValuePair<string, string>[] selector, V1NodeSelector required)
    {
        var terms = new List<NodeSelectorTermMatcher>();
        var errors = new List<string>();
        foreach (var term in required.NodeSelectorTerms ?? [])
        {
            if (NodeSelectorTermMatcher.Parse(term, out var error) is { } matcher)
            {
                terms.Add(matcher);
            }
            else
            {
                errors.Add(error ?? "invalid node selector term");
            }
        }
        return new(selector, [.. terms], [.. errors]);
    }

    /// <summary>Whether <paramref name="node"/> has every node selector label and matches one required term.</summary>
    public bool Matches(V1Node node)
    {
        var labels = node.Metadata?.Labels;
        foreach (var (key, value) in _nodeSelector)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        if (_terms is null)
        {
            return true;
        }
        foreach (var term in _terms)
        {
            if (term.Matches(node))
            {
                return true;
            }
        }
        return false;
    }
}
