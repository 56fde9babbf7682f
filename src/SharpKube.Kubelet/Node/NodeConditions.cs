using k8s.Models;

namespace SharpKube.Kubelet.Node;

/// <summary>
/// The node conditions the kubelet posts, with upstream's reasons and messages: no memory, disk or PID pressure, and
/// Ready — False with the runtime's own reason while the container runtime or its network is not ready.
/// </summary>
public static class NodeConditions
{
    /// <summary>
    /// The conditions at <paramref name="now"/>. <paramref name="runtimeProblem"/> is null when the runtime and its network
    /// are ready, else the text upstream puts after "container runtime …". A condition whose status is unchanged from
    /// <paramref name="current"/> keeps its <c>lastTransitionTime</c>.
    /// </summary>
    public static List<V1NodeCondition> At(DateTime now, string? runtimeProblem, IEnumerable<V1NodeCondition>? current)
    {
        var existing = current?.Where(c => c.Type is not null).GroupBy(c => c.Type)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal) ?? [];
        (string Type, string Status, string Reason, string Message)[] conditions =
        [
            ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
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
