using System.Globalization;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A pod whose binding waits because Permit plugins returned Wait: each such plugin must allow it (before its own
/// timeout) for the binding to go on; one rejection, or one timeout, sends the pod back to the queue.
/// </summary>
public sealed class WaitingPod
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ITimer> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<Status> _decision = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal WaitingPod(PodInfo pod, IReadOnlyDictionary<string, TimeSpan> waits, TimeProvider time)
    {
        Pod = pod;
        lock (_lock)
        {
            foreach (var (plugin, timeout) in waits)
            {
                var message = $"rejected due to timeout after waiting {FormatDuration(timeout)} at plugin {plugin}";
                _pending[plugin] = time.CreateTimer(_ => Reject(plugin, message), null, timeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>The pod.</summary>
    public PodInfo Pod { get; }

    /// <summary>The plugins that have not allowed the pod yet.</summary>
    public IReadOnlyList<string> PendingPlugins
    {
        get
        {
            lock (_lock)
            {
                return [.. _pending.Keys];
            }
        }
    }

    /// <summary>Completes with the decision: success once every plugin allowed, or the rejection.</summary>
    internal Task<Status> Decision => _decision.Task;

    /// <summary><paramref name="plugin"/> lets the pod bind; the last one to do so releases it.</summary>
    public void Allow(string plugin)
    {
        lock (_lock)
        {
            if (_pending.Remove(plugin, out var timer))
            {
                timer.Dispose();
            }
            if (_pending.Count > 0)
            {
                return;
            }
        }
        _decision.TrySetResult(Status.Success);
    }

    /// <summary><paramref name="plugin"/> refuses the pod: the binding cycle fails as unschedulable with <paramref name="message"/>.</summary>
    public void Reject(string plugin, string message)
    {
        lock (_lock)
        {
            foreach (var timer in _pending.Values)
            {
                timer.Dispose();
            }
            _pending.Clear();
        }
        _decision.TrySetResult(Status.Unschedulable(plugin, message));
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
            : duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
