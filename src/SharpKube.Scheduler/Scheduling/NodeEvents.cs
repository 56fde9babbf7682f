using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Scheduling;

/// <summary>What a node update changed that could matter for scheduling (heartbeats alone change nothing).</summary>
internal static class NodeEvents
{
    public static ActionType Classify(V1Node oldNode, V1Node newNode)
    {
        var action = ActionType.None;
        if (!SameQuantities(oldNode.Status?.Allocatable, newNode.Status?.Allocatable))
        {
            action |= ActionType.UpdateNodeAllocatable;
        }
        if (!SameMap(oldNode.Metadata?.Labels, newNode.Metadata?.Labels))
        {
            action |= ActionType.UpdateNodeLabel;
        }
        if (oldNode.Spec?.Unschedulable != newNode.Spec?.Unschedulable || !SameTaints(oldNode.Spec?.Taints, newNode.Spec?.Taints))
        {
            action |= ActionType.UpdateNodeTaint;
        }
        if (!SameConditions(oldNode.Status?.Conditions, newNode.Status?.Conditions))
        {
            action |= ActionType.UpdateNodeCondition;
        }
        if (!SameMap(oldNode.Metadata?.Annotations, newNode.Metadata?.Annotations))
        {
            action |= ActionType.UpdateNodeAnnotation;
        }
        return action;
    }

    private static bool SameQuantities(IDictionary<string, ResourceQuantity>? a, IDictionary<string, ResourceQuantity>? b) =>
        SameMap(a?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? ""), b?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? ""));

    private static bool SameTaints(IList<V1Taint>? a, IList<V1Taint>? b) =>
        (a ?? []).Select(t => (t.Key, t.Value, t.Effect)).SequenceEqual((b ?? []).Select(t => (t.Key, t.Value, t.Effect)));

    private static bool SameConditions(IList<V1NodeCondition>? a, IList<V1NodeCondition>? b) =>
        SameMap((a ?? []).GroupBy(c => c.Type ?? "").ToDictionary(g => g.Key, g => g.Last().Status ?? ""),
            (b ?? []).GroupBy(c => c.Type ?? "").ToDictionary(g => g.Key, g => g.Last().Status ?? ""));

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }
        if (a is null || b is null)
        {
            return true;
        }
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }
        return true;
    }
}
