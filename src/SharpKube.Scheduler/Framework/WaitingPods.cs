using System.Collections.Concurrent;

namespace SharpKube.Scheduler.Framework;

/// <summary>The pods of one profile whose binding waits on Permit plugins, by uid.</summary>
public sealed class WaitingPods
{
    private readonly ConcurrentDictionary<string, WaitingPod> _pods = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    internal WaitingPods(TimeProvider time) => _time = time;

    /// <summary>The waiting pod with <paramref name="uid"/>, or null.</summary>
    public WaitingPod? Get(string uid) => _pods.GetValueOrDefault(uid);

    /// <summary>Every waiting pod.</summary>
    public IReadOnlyCollection<WaitingPod> All => [.. _pods.Values];

    /// <summary>Rejects the waiting pod with <paramref name="uid"/>, if there is one (e.g. because it was deleted).</summary>
    public bool Reject(string uid, string plugin, string message)
    {
        if (_pods.TryGetValue(uid, out var pod))
        {
            pod.Reject(plugin, message);
            return true;
        }
        return false;
    }

    internal WaitingPod Add(PodInfo pod, IReadOnlyDictionary<string, TimeSpan> waits)
    {
        var waiting = new WaitingPod(pod, waits, _time);
        _pods[pod.Uid] = waiting;
        return waiting;
    }

    internal void Remove(string uid) => _pods.TryRemove(uid, out _);
}
