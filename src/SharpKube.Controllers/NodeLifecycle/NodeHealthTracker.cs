using k8s.Models;

namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>
/// When this controller last saw each node show signs of life — its Ready condition's heartbeat changing, or its
/// Lease in <c>kube-node-lease</c> being renewed — on its own clock, as upstream does: the times the kubelet writes
/// are only compared with earlier values, never with this clock, so clock skew between machines does not matter.
/// A node seen for the first time counts as alive now.
/// </summary>
internal sealed class NodeHealthTracker
{
    private readonly Dictionary<string, Observation> _nodes = new(StringComparer.Ordinal);

    /// <summary>Records what the node and its Lease show now; returns when the node was last seen alive.</summary>
    public DateTimeOffset Observe(V1Node node, V1Lease? lease, DateTimeOffset now)
    {
        var name = node.Metadata.Name;
        var heartbeat = NodeConditions.Find(node, "Ready")?.LastHeartbeatTime;
        if (!_nodes.TryGetValue(name, out var seen))
        {
            seen = new Observation { ProbeTime = now, ReadyHeartbeat = heartbeat, LeaseRenewTime = lease?.Spec?.RenewTime };
            _nodes[name] = seen;
            return now;
        }
        if (heartbeat != seen.ReadyHeartbeat)
        {
            seen.ReadyHeartbeat = heartbeat;
            seen.ProbeTime = now;
        }
        if (lease?.Spec?.RenewTime is { } renewed && (seen.LeaseRenewTime is not { } before || renewed > before))
        {
            seen.LeaseRenewTime = renewed;
            seen.ProbeTime = now;
        }
        return seen.ProbeTime;
    }

    /// <summary>Counts every node as alive now (after a disruption of the whole cluster ends, every node gets a full grace period).</summary>
    public void ResetProbeTimes(DateTimeOffset now)
    {
        foreach (var seen in _nodes.Values)
        {
            seen.ProbeTime = now;
        }
    }

    /// <summary>Forgets a deleted node.</summary>
    public void Forget(string name) => _nodes.Remove(name);

    private sealed class Observation
    {
        public DateTimeOffset ProbeTime { get; set; }

        public DateTime? ReadyHeartbeat { get; set; }

        public DateTime? LeaseRenewTime { get; set; }
    }
}
