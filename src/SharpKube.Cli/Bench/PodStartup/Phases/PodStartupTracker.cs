using System.Diagnostics;
using k8s.Models;
using SharpKube.Client.Informers;

namespace SharpKube.Cli.Bench.PodStartup.Phases;

/// <summary>
/// Follows the benchmark's pods through a watch (an informer) and keeps, per pod name, the timestamp taken just before
/// its create call, the one at which the watch first delivered it bound to a node, and the one at which it first
/// delivered it Running with condition Ready True. Handlers run on
/// the informer's loop and creates on the thread pool, so the state is kept under one lock.
/// </summary>
internal sealed class PodStartupTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _createdAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _scheduledAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _runningAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uids = new(StringComparer.Ordinal);

    /// <summary>Registers the tracker's handler; call before the informer runs.</summary>
    public void Attach(SharedInformer<V1Pod> pods) => pods.AddEventHandler(new ResourceEventHandler<V1Pod>
    {
        OnAdd = See,
        OnUpdate = (_, pod) => See(pod),
    });

    /// <summary>Pod <paramref name="name"/> is about to be created (<paramref name="timestamp"/>: <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Creating(string name, long timestamp)
    {
        lock (_lock)
        {
            _createdAt[name] = timestamp;
            _scheduledAt.Remove(name);
            _runningAt.Remove(name);
        }
    }

    /// <summary>How many of <paramref name="names"/> have been seen Running and Ready.</summary>
    public int RunningCount(IEnumerable<string> names)
    {
        lock (_lock)
        {
            return names.Count(_runningAt.ContainsKey);
        }
    }

    /// <summary>Create-to-Running latency of pod <paramref name="name"/> in <see cref="Stopwatch"/> ticks, or null if not seen Running yet.</summary>
    public long? Latency(string name)
    {
        lock (_lock)
        {
            return _createdAt.TryGetValue(name, out var created) && _runningAt.TryGetValue(name, out var running) ? running - created : null;
        }
    }

    /// <summary>Create-to-scheduled latency of pod <paramref name="name"/> (the watch first delivering it bound to a node), or null.</summary>
    public long? SchedulingLatency(string name)
    {
        lock (_lock)
        {
            return _createdAt.TryGetValue(name, out var created) && _scheduledAt.TryGetValue(name, out var scheduled) ? scheduled - created : null;
        }
    }

    /// <summary>The timestamps of the first create and the last Running among <paramref name="names"/>.</summary>
    public (long FirstCreate, long LastRunning) Span(IReadOnlyCollection<string> names)
    {
        lock (_lock)
        {
            return (names.Min(n => _createdAt[n]), names.Max(n => _runningAt[n]));
        }
    }

    /// <summary>The uid of pod <paramref name="name"/> as last seen, or null.</summary>
    public string? Uid(string name)
    {
        lock (_lock)
        {
            return _uids.GetValueOrDefault(name);
        }
    }

    private void See(V1Pod pod)
    {
        var now = Stopwatch.GetTimestamp();
        var name = pod.Metadata.Name;
        var running = pod.Status?.Phase == "Running"
            && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        lock (_lock)
        {
            _uids[name] = pod.Metadata.Uid;
            // Only a pod this run created counts, and only its first Running: later updates (a resync) change nothing.
            if (!_createdAt.ContainsKey(name))
            {
                return;
            }
            if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
            {
                _scheduledAt.TryAdd(name, now);
            }
            if (running)
            {
                _runningAt.TryAdd(name, now);
            }
        }
    }
}
