using System.Collections.Concurrent;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// Upstream's per-container restart backoff (CrashLoopBackOff): a container that exits is restarted at once the first
/// time; after that each restart waits for the backoff since the container finished — 10 s, doubling up to 5 min —
/// and a container that stayed up longer than twice the maximum starts again from 10 s. Also used for image pulls.
/// </summary>
public sealed class RestartBackoff(TimeProvider time, TimeSpan? initial = null, TimeSpan? max = null)
{
    private readonly TimeSpan _initial = initial ?? TimeSpan.FromSeconds(10);
    private readonly TimeSpan _max = max ?? TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// How long <paramref name="key"/> must still wait when it failed at <paramref name="since"/>: zero when it may go now.
    /// </summary>
    public TimeSpan Remaining(string key, DateTimeOffset since)
    {
        if (!_entries.TryGetValue(key, out var entry) || since - entry.LastFailure > _max * 2)
        {
            // Never failed, or ran longer than twice the maximum since its last failure: it starts over at once.
            return TimeSpan.Zero;
        }
        var waited = time.GetUtcNow() - since;
        return waited < entry.Backoff ? entry.Backoff - waited : TimeSpan.Zero;
    }

    /// <summary>The backoff <paramref name="key"/> is in now (zero when none).</summary>
    public TimeSpan Current(string key) => _entries.TryGetValue(key, out var entry) ? entry.Backoff : TimeSpan.Zero;

    /// <summary>Records a restart of <paramref name="key"/> after a failure at <paramref name="since"/>: the next one waits longer.</summary>
    public void Next(string key, DateTimeOffset since) => _entries.AddOrUpdate(key,
        _ => new Entry(_initial, since),
        (_, entry) => since - entry.LastFailure > _max * 2
            ? new Entry(_initial, since)
            : new Entry(TimeSpan.FromTicks(Math.Min(entry.Backoff.Ticks * 2, _max.Ticks)), since));

    /// <summary>Forgets every key starting with <paramref name="prefix"/> (a pod that is gone).</summary>
    public void Forget(string prefix)
    {
        foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private sealed record Entry(TimeSpan Backoff, DateTimeOffset LastFailure);
}
