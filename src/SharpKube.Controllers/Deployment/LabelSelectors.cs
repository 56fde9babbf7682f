using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.Controllers.Deployment;

/// <summary>metav1.LabelSelector as ApiMachinery's <see cref="LabelSelector"/>, and matching object labels.</summary>
internal static class LabelSelectors
{
    /// <summary>
    /// The selector; a null one selects nothing, an empty one everything. Throws <see cref="SelectorParseException"/>
    /// for invalid keys, values or operators.
    /// </summary>
    public static LabelSelector From(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return LabelSelector.Nothing;
        }
        using var document = JsonDocument.Parse(KubernetesJson.Serialize(selector));
        return LabelSelector.FromLabelSelectorJson(document.RootElement);
    }

    /// <summary>True for a selector that is present but has no requirements (it would select every pod).</summary>
    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is not null && (selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0;

    /// <summary>True when <paramref name="labels"/> satisfy <paramref name="selector"/>.</summary>
    public static bool Matches(LabelSelector selector, IDictionary<string, string>? labels) =>
        selector.Matches(labels as IReadOnlyDictionary<string, string> ?? (labels is null ? null : new Dictionary<string, string>(labels)));
}
