using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>Turns the models' selectors into SharpKube's compiled <see cref="LabelSelector"/>.</summary>
public static class LabelSelectors
{
    /// <summary>
    /// A metav1.LabelSelector as upstream's <c>LabelSelectorAsSelector</c> reads it: null selects nothing, <c>{}</c>
    /// everything. Throws <see cref="SelectorParseException"/> when it is invalid.
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

    /// <summary>A map selector (a ReplicationController's, a Service's): exactly these labels; empty selects everything.</summary>
    public static LabelSelector FromMap(IDictionary<string, string>? labels) => LabelSelector.FromSet(labels);

    /// <summary>True when <paramref name="selector"/> matches a set of labels (null: none).</summary>
    public static bool Matches(LabelSelector selector, IDictionary<string, string>? labels) =>
        selector.Matches(labels is null ? null : labels as IReadOnlyDictionary<string, string> ?? new Dictionary<string, string>(labels));
}
