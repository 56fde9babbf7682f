using k8s.Models;

namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>Reading node conditions, and what upstream writes when a kubelet falls silent.</summary>
internal static class NodeConditions
{
    /// <summary>The conditions set to Unknown when the kubelet stops posting status (as upstream; NetworkUnavailable is not the kubelet's).</summary>
    public static readonly string[] KubeletOwned = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public static V1NodeCondition? Find(V1Node node, string type) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>
    /// Sets the kubelet's conditions of <paramref name="node"/> (a copy the caller owns) to Unknown, with upstream's
    /// reasons and messages: <c>NodeStatusUnknown</c> for conditions the kubelet had posted, <c>NodeStatusNeverUpdated</c>
    /// for ones it never did.
    /// </summary>
    public static void MarkUnknown(V1Node node, DateTime now)
    {
        node.Status ??= new V1NodeStatus();
        node.Status.Conditions ??= [];
        foreach (var type in KubeletOwned)
        {
            var condition = Find(node, type);
            if (condition is null)
            {
                node.Status.Conditions.Add(new V1NodeCondition
                {
                    Type = type,
                    Status = "Unknown",
                    Reason = "NodeStatusNeverUpdated",
                    Message = "Kubelet never posted node status.",
                    LastHeartbeatTime = node.Metadata.CreationTimestamp,
                    LastTransitionTime = now,
                });
            }
            else if (condition.Status != "Unknown")
            {
                condition.Status = "Unknown";
                condition.Reason = "NodeStatusUnknown";
                condition.Message = "Kubelet stopped posting node status.";
                condition.LastTransitionTime = now;
            }
        }
    }
}
