using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace SharpKube.Scheduler.Plugins.NodeAffinity;

/// <summary>
/// NodeAffinity's arguments: <c>addedAffinity</c>, node affinity the profile enforces on every pod on top of the
/// pod's own (its required terms must match too; its preferred terms add to every pod's score).
/// </summary>
public sealed record NodeAffinityArgs
{
    /// <summary>The profile's added node affinity (null: none).</summary>
    public V1NodeAffinity? AddedAffinity { get; init; }

    /// <summary>The arguments as a profile's <c>pluginConfig</c> gives them (null: the defaults).</summary>
    /// <exception cref="FormatException">A term of the added affinity does not parse (upstream refuses such a configuration).</exception>
    public static NodeAffinityArgs Parse(JsonObject? args)
    {
        if (args?["addedAffinity"] is not JsonObject added)
        {
            return new();
        }
        var affinity = KubernetesJson.Deserialize<V1NodeAffinity>(added.ToJsonString());
        var errors = new List<string>();
        const string requiredPath = "addedAffinity.requiredDuringSchedulingIgnoredDuringExecution";
        var terms = affinity.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [];
        for (var i = 0; i < terms.Count; i++)
        {
            if (NodeSelectorTermMatcher.Parse(terms[i], out var error) is null)
            {
                errors.Add($"{requiredPath}.nodeSelectorTerms[{i}]: {error}");
            }
        }
        var preferred = affinity.PreferredDuringSchedulingIgnoredDuringExecution ?? [];
        for (var i = 0; i < preferred.Count; i++)
        {
            if (NodeSelectorTermMatcher.Parse(preferred[i].Preference, out var error) is null)
            {
                errors.Add($"addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[{i}].preference: {error}");
            }
        }
        if (errors.Count > 0)
        {
            throw new FormatException(errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]");
        }
        return new() { AddedAffinity = affinity };
    }
}
