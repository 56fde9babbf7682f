using System.Collections.Concurrent;
using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// Keeps the last two cumulative CPU readings of the node and of every pod and container cgroup, taken every
/// <c>interval</c>, so a usage rate (<c>usageNanoCores</c>) can be given at any moment: the cumulative figure read now
/// against a kept reading at least <see cref="MinimumWindow"/> older. Upstream's kubelet likewise derives the rate
/// from cached samples rather than sampling twice per request.
/// </summary>
public sealed class CpuUsageSampler(Func<IEnumerable<KeyValuePair<string, ulong>>> read, TimeSpan interval, TimeProvider time)
{
    /// <summary>A shorter window makes the rate jumpy: the node's counter only moves in 10 ms ticks.</summary>
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (CpuSample? Previous, CpuSample Latest)> _samples = new(StringComparer.Ordinal);

    /// <summary>Samples now, then every interval until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>Takes one reading of everything; forgets what is no longer there (pods that are gone).</summary>
    public void Sample()
    {
        var now = time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, usage) in read())
        {
            seen.Add(key);
            var sample = new CpuSample(now, usage);
            _samples.AddOrUpdate(key, _ => (null, sample), (_, kept) => (kept.Latest, sample));
        }
        foreach (var key in _samples.Keys)
        {
            if (!seen.Contains(key))
            {
                _samples.TryRemove(key, out _);
            }
        }
    }

    /// <summary>
    /// The average use, in billionths of a core, between the newest kept reading of <paramref name="key"/> at least
    /// <see cref="MinimumWindow"/> before <paramref name="now"/> and <paramref name="usageNanoseconds"/> read at
    /// <paramref name="now"/>; null when there is no such reading or the counter went back (the cgroup was recreated).
    /// </summary>
    public ulong? UsageNanoCores(string key, DateTimeOffset now, ulong usageNanoseconds)
    {
        if (!_samples.TryGetValue(key, out var kept))
        {
            return null;
        }
        var baseline = now - kept.Latest.Time >= MinimumWindow ? kept.Latest : kept.Previous;
        if (baseline is not { } from || now - from.Time < MinimumWindow || usageNanoseconds < from.UsageNanoseconds)
        {
            return null;
        }
        var seconds = (now - from.Time).TotalSeconds;
        return (ulong)((usageNanoseconds - from.UsageNanoseconds) / seconds);
    }

    /// <summary>The summary's CPU figures of <paramref name="key"/> read now; null when <paramref name="usageNanoseconds"/> could not be read.</summary>
    public CpuStats? ToApi(string key, DateTimeOffset now, ulong? usageNanoseconds) => usageNanoseconds is { } usage
        ? new CpuStats { Time = now, UsageCoreNanoSeconds = usage, UsageNanoCores = UsageNanoCores(key, now, usage) }
        : null;
}
