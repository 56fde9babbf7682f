using k8s.Models;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// The four node conditions a healthy kubelet posts, with upstream's reasons and messages: no memory, disk or PID
/// pressure, and Ready.
/// </summary>
internal static class KubeletConditions
{
    private static readonly (string Type, string Status, string Reason, string Message)[] Healthy =
    [
        ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ];

    /// <summary>
    /// The healthy conditions with heartbeats at <paramref name="now"/>; a condition whose status is unchanged from
    /// <paramref name="current"/> keeps its <c>lastTransitionTime</c>.
    /// </summary>
    public static List<V1NodeCondition> At(DateTime now, IEnumerable<V1NodeCondition>? current)
    {
        var existing = current?.Where(c => c.Type is not null).GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            ?? [];
        return [.. Healthy.Select(h => new V1NodeCondition
        {
            Type = h.Type,
            Status = h.Status,
            Reason = h.Reason,
            Message = h.Message,
            LastHeartbeatTime = now,
            LastTransitionTime = existing.TryGetValue(h.Type, out var old) && old.Status == h.Status && old.LastTransitionTime is { } since ? since : now,
        })];
    }

    /// <summary>Whether <paramref name="current"/> holds every healthy condition with its status, reason and message.</summary>
    public static bool AreHealthy(IEnumerable<V1NodeCondition>? current)
    {
        var byType = current?.Where(c => c.Type is not null).GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return byType is not null && Healthy.All(h => byType.TryGetValue(h.Type, out var c)
            && c.Status == h.Status && c.Reason == h.Reason && c.Message == h.Message);
    }

    /// <summary>The oldest heartbeat among the healthy conditions' types, or null when one has none.</summary>
    public static DateTime? OldestHeartbeat(IEnumerable<V1NodeCondition>? current)
    {
        DateTime? oldest = null;
        foreach (var (type, _, _, _) in Healthy)
        {
            var heartbeat = current?.FirstOrDefault(c => c.Type == type)?.LastHeartbeatTime;
            if (heartbeat is null)
            {
                return null;
            }
            oldest = oldest is null || heartbeat < oldest ? heartbeat : oldest;
        }
        return oldest;
    }
}
