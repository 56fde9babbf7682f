using k8s.Models;

namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>The taints the node lifecycle controller manages, and how taints are compared (by key and effect).</summary>
public static class NodeTaints
{
    /// <summary>The node's Ready condition is Unknown.</summary>
    public const string Unreachable = "node.kubernetes.io/unreachable";

    /// <summary>The node's Ready condition is False.</summary>
    public const string NotReady = "node.kubernetes.io/not-ready";

    /// <summary>The node is cordoned (<c>spec.unschedulable</c>).</summary>
    public const string Unschedulable = "node.kubernetes.io/unschedulable";

    /// <summary>The <c>NoExecute</c> effect: pods that do not tolerate the taint are evicted.</summary>
    public const string NoExecute = "NoExecute";

    /// <summary>The <c>NoSchedule</c> effect: no new pods that do not tolerate the taint are scheduled.</summary>
    public const string NoSchedule = "NoSchedule";

    /// <summary>Which <c>NoSchedule</c> taint each node condition (type, status) calls for, as upstream's taint-nodes-by-condition.</summary>
    public static IReadOnlyList<(string ConditionType, string Status, string TaintKey)> ByCondition { get; } =
    [
        ("Ready", "False", NotReady),
        ("Ready", "Unknown", Unreachable),
        ("MemoryPressure", "True", "node.kubernetes.io/memory-pressure"),
        ("DiskPressure", "True", "node.kubernetes.io/disk-pressure"),
        ("NetworkUnavailable", "True", "node.kubernetes.io/network-unavailable"),
        ("PIDPressure", "True", "node.kubernetes.io/pid-pressure"),
    ];

    /// <summary>True when <paramref name="taints"/> hold a taint with this key and effect.</summary>
    public static bool Has(IEnumerable<V1Taint>? taints, string key, string effect) =>
        taints?.Any(t => t.Key == key && t.Effect == effect) == true;

    /// <summary>The <c>NoExecute</c> taints of a node.</summary>
    public static IReadOnlyList<V1Taint> NoExecuteOf(V1Node? node) =>
        [.. node?.Spec?.Taints?.Where(t => t.Effect == NoExecute) ?? []];
}
