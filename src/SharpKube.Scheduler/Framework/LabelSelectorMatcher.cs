using k8s.Models;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A parsed <c>metav1.LabelSelector</c>, as upstream's <c>LabelSelectorAsSelector</c> makes it: a null selector
/// selects nothing, an empty one everything, otherwise every <c>matchLabels</c> pair and <c>matchExpressions</c>
/// requirement must hold. Parsed once per pod, so matching is a few dictionary lookups and allocates nothing.
/// </summary>
public sealed class LabelSelectorMatcher
{
    /// <summary>The label every namespace carries with its own name (set by the API server).</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    private readonly LabelRequirement[] _requirements;
    private readonly bool _nothing;

    private LabelSelectorMatcher(LabelRequirement[] requirements, bool nothing)
    {
        _requirements = requirements;
        _nothing = nothing;
    }

    /// <summary>Selects no object (a null selector).</summary>
    public static LabelSelectorMatcher Nothing { get; } = new([], true);

    /// <summary>Selects every object (an empty selector).</summary>
    public static LabelSelectorMatcher Everything { get; } = new([], false);

    /// <summary>Whether this selects every object.</summary>
    public bool IsEverything => !_nothing && _requirements.Length == 0;

    /// <summary>Whether this selects no object.</summary>
    public bool IsNothing => _nothing;

    /// <summary>Parses <paramref name="selector"/>; null with <paramref name="error"/> when upstream would refuse it.</summary>
    public static LabelSelectorMatcher? Parse(V1LabelSelector? selector, out string? error)
    {
        error = null;
        if (selector is null)
        {
            return Nothing;
        }
        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            requirements.Add(new(key, LabelSelectorOperator.In, [value]));
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            if (ParseExpression(expression, out error) is not { } requirement)
            {
                return null;
            }
            requirements.Add(requirement);
        }
        return requirements.Count == 0 ? Everything : new([.. requirements], false);
    }

    /// <summary>This selector with <paramref name="extra"/> requirements ANDed in (no-op on <see cref="Nothing"/>).</summary>
    public LabelSelectorMatcher With(IReadOnlyCollection<LabelRequirement> extra) =>
        _nothing || extra.Count == 0 ? this : new([.. _requirements, .. extra], false);

    /// <summary>Whether <paramref name="labels"/> satisfy every requirement.</summary>
    public bool Matches(IDictionary<string, string>? labels)
    {
        if (_nothing)
        {
            return false;
        }
        foreach (var requirement in _requirements)
        {
            string? value = null;
            var present = labels is not null && labels.TryGetValue(requirement.Key, out value);
            if (!requirement.Matches(present, value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether the namespace named <paramref name="ns"/> is selected, judged by the one label every namespace is
    /// known to carry (<see cref="NamespaceNameLabel"/>): the scheduler does not watch namespaces yet.
    /// </summary>
    public bool MatchesNamespace(string ns)
    {
        if (_nothing)
        {
            return false;
        }
        foreach (var requirement in _requirements)
        {
            var present = requirement.Key == NamespaceNameLabel;
            if (!requirement.Matches(present, present ? ns : null))
            {
                return false;
            }
        }
        return true;
    }

    private static LabelRequirement? ParseExpression(V1LabelSelectorRequirement expression, out string? error)
    {
        error = null;
        var key = expression.Key ?? "";
        string[] values = expression.Values is { Count: > 0 } v ? [.. v] : [];
        switch (expression.OperatorProperty)
        {
            case "In" or "NotIn" when values.Length == 0:
                error = $"values: Invalid value: []string{{}}: for 'in', 'notin' operators, values set can't be empty";
                return null;
            case "In":
                return new(key, LabelSelectorOperator.In, values);
            case "NotIn":
                return new(key, LabelSelectorOperator.NotIn, values);
            case "Exists" or "DoesNotExist" when values.Length > 0:
                error = "values: Invalid value: values set must be empty for exists and does not exist";
                return null;
            case "Exists":
                return new(key, LabelSelectorOperator.Exists, values);
            case "DoesNotExist":
                return new(key, LabelSelectorOperator.DoesNotExist, values);
            default:
                error = $"\"{expression.OperatorProperty}\" is not a valid label selector operator";
                return null;
        }
    }
}
