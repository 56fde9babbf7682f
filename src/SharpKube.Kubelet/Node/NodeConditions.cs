using k8s.Models;

namespace SharpKube.Kubelet.Node;

/// <summary>
/// The node conditions the kubelet posts, with upstream's reasons and messages: memory, disk and PID pressure as
/// observed, and Ready — False with the runtime's own reason while the container runtime or its network is not ready.
/// </summary>
public static class NodeConditions
{
    /// <summary>
    /// The conditions at <paramref name="now"/>. <paramref name="runtimeProblem"/> is null when the runtime and its network
    /// are ready, else the text upstream puts after "container runtime …"; <paramref name="pressure"/> is what the node is
    /// short of. A condition whose status is unchanged from
    /// <paramref name="current"/> keeps its <c>lastTransitionTime</c>.
    /// </summary>
    public static List<V1NodeCondition> At(DateTime now, string? runtimeProblem, NodePressure pressure, IEnumerable<V1NodeCondition>? current)
    {
        var existing = current?.Where(c => c.Type is not null).GroupBy(c => c.Type)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal) ?? [];
        (string Type, string Status, string Reason, string Message)[] conditions =
        [
            pressure.Memory
                ? ("MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available")
                : ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            pressure.Disk
                ? ("DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure")
                : ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            pressure.Pid
                ? ("PIDPressure", "True", "KubeletHasInsufficientPID", "kubelet has insufficient PID available")
                : ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            runtimeProblem is null
                ? ("Ready", "True", "KubeletReady", "kubelet is posting ready status")
                : ("Ready", "False", "KubeletNotReady", runtimeProblem),
        ];
        return [.. conditions.Select(c => new V1NodeCondition
        {
            Type = c.Type,
            Status = c.Status,
            Reason = c.Reason,
            Message = c.Message,
            LastHeartbeatTime = now,
            LastTransitionTime = existing.TryGetValue(c.Type, out var old) && old.Status == c.Status && old.LastTransitionTime is { } since ? since : now,
        })];
    }
}
