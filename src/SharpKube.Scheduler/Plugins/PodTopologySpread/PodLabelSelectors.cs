using k8s.Models;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>Turns the models' selectors into compiled <see cref="LabelSelector"/>s and reads pods' labels for them.</summary>
internal static class PodLabelSelectors
{
    /// <summary>
    /// A metav1.LabelSelector as upstream's <c>LabelSelectorAsSelector</c> reads it: null selects nothing, <c>{}</c>
    /// everything.
    /// </summary>
    /// <exception cref="SelectorParseException">A key, value or operator is invalid.</exception>
    public static LabelSelector From(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return LabelSelector.Nothing;
        }
        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            requirements.Add(LabelRequirement.Create(key, SelectorOperator.Equals, [value ?? ""]));
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var op = expression.OperatorProperty switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                var other => throw new SelectorParseException($"\"{other}\" is not a valid label selector operator"),
            };
            requirements.Add(LabelRequirement.Create(expression.Key ?? "", op, [.. expression.Values ?? []]));
        }
        return LabelSelector.FromRequirements(requirements);
    }

    /// <summary>
    /// <paramref name="selector"/> with an equality requirement for each of <paramref name="labels"/> added, as upstream's
    /// <c>mergeLabelSetWithSelector</c>: a selector that selects nothing stays so.
    /// </summary>
    public static LabelSelector Merge(IEnumerable<KeyValuePair<string, string>> labels, LabelSelector selector) =>
        selector.IsNothing ? selector : LabelSelector.FromRequirements(LabelSelector.FromSet(labels).Requirements.Concat(selector.Requirements));

    /// <summary>The pod's labels as the selectors read them (null: none); no copy for the informer's dictionaries.</summary>
    public static IReadOnlyDictionary<string, string>? LabelsOf(V1Pod pod) => pod.Metadata?.Labels switch
    {
        null => null,
        IReadOnlyDictionary<string, string> readOnly => readOnly,
        var labels => new Dictionary<string, string>(labels),
    };
}
