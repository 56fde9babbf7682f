using k8s.Models;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// The selector default spreading counts a pod's siblings with (upstream's <c>helper.DefaultSelector</c>): the
/// selectors of the Services in its namespace that select it, plus that of its controlling ReplicationController,
/// ReplicaSet or StatefulSet. Empty when nothing selects the pod: then it gets no default constraints.
/// </summary>
internal static class DefaultSelector
{
    /// <summary>The selector for <paramref name="pod"/>, from <paramref name="listers"/>.</summary>
    public static LabelSelector For(V1Pod pod, WorkloadListers listers)
    {
        var ns = pod.Metadata?.NamespaceProperty ?? "";
        var labels = PodLabelSelectors.LabelsOf(pod);
        // Everything that selects the pod agrees on the labels it has, so merging the map selectors cannot conflict.
        Dictionary<string, string>? set = null;
        foreach (var service in listers.Services(ns))
        {
            // A Service without a selector selects nothing, not everything.
            if (service.Spec?.Selector is { } selector && LabelSelector.FromSet(selector).Matches(labels))
            {
                Merge(ref set, selector);
            }
        }
        var owner = ControllerOf(pod);
        List<LabelRequirement>? extra = null;
        switch (owner?.ApiVersion, owner?.Kind)
        {
            case ("v1", "ReplicationController"):
                if (listers.ReplicationController(ns, owner.Name) is { Spec.Selector: { } rcSelector })
                {
                    Merge(ref set, rcSelector);
                }
                break;
            case ("apps/v1", "ReplicaSet"):
                extra = Requirements(listers.ReplicaSet(ns, owner.Name)?.Spec?.Selector);
                break;
            case ("apps/v1", "StatefulSet"):
                extra = Requirements(listers.StatefulSet(ns, owner.Name)?.Spec?.Selector);
                break;
        }
        if (set is null && extra is null)
        {
            return LabelSelector.Everything;
        }
        var fromSet = LabelSelector.FromSet(set ?? []);
        return extra is null ? fromSet : LabelSelector.FromRequirements(fromSet.Requirements.Concat(extra));
    }

    private static V1OwnerReference? ControllerOf(V1Pod pod)
    {
        if (pod.Metadata?.OwnerReferences is not { Count: > 0 } owners)
        {
            return null;
        }
        for (var i = 0; i < owners.Count; i++)
        {
            if (owners[i].Controller == true)
            {
                return owners[i];
            }
        }
        return null;
    }

    private static void Merge(ref Dictionary<string, string>? set, IDictionary<string, string> labels)
    {
        set ??= new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            set[key] = value;
        }
    }

    // A selector that does not parse, or selects nothing, adds nothing (as upstream, which ignores the error).
    private static List<LabelRequirement>? Requirements(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return null;
        }
        try
        {
            var parsed = PodLabelSelectors.From(selector);
            return parsed.IsNothing ? null : [.. parsed.Requirements];
        }
        catch (SelectorParseException)
        {
            return null;
        }
    }
}
