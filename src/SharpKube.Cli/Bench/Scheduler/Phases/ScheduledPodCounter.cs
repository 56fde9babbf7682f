using SharpKube.Client.Informers;

namespace SharpKube.Cli.Bench.Scheduler.Phases;

/// <summary>
/// Counts, per namespace, the pods the watch has shown bound to a node (<c>spec.nodeName</c> set), each pod once,
/// from a pod informer of the benchmark's own. The informer's handlers run on its loop; the counts are read from
/// the sampler and the waits, so they are kept under one lock.
/// </summary>
internal sealed class ScheduledPodCounter
{
    /// <summary>The field selector of the pods worth watching: those bound to a node.</summary>
    public const string BoundPods = "spec.nodeName!=";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _scheduled = new(StringComparer.Ordinal);

    /// <summary>Starts counting what <paramref name="pods"/> delivers.</summary>
    public void Attach(SharedInformer<BoundPod> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        pods.AddEventHandler(new ResourceEventHandler<BoundPod>
        {
            OnAdd = See,
            OnUpdate = (_, pod) => See(pod),
        });
    }

    /// <summary>How many pods of <paramref name="ns"/> have been seen bound.</summary>
    public int Scheduled(string ns)
    {
        lock (_lock)
        {
            return _scheduled.TryGetValue(ns, out var names) ? names.Count : 0;
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> pods of <paramref name="ns"/> are bound, failing after
    /// <paramref name="timeout"/> or as soon as <paramref name="componentFailure"/> reports a component gone.
    /// </summary>
    public async Task WaitForAsync(string ns, int count, TimeSpan timeout, Func<string?> componentFailure, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Scheduled(ns) < count)
        {
            if (componentFailure() is { } failure)
            {
                throw new SchedulerBenchException(failure);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new SchedulerBenchException(
                    $"only {Scheduled(ns)} of {count} pods in {ns} were scheduled within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private void See(BoundPod pod)
    {
        if (string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Metadata?.NamespaceProperty is not { } ns)
        {
            return;
        }

        lock (_lock)
        {
            if (!_scheduled.TryGetValue(ns, out var names))
            {
                _scheduled[ns] = names = new HashSet<string>(StringComparer.Ordinal);
            }

            names.Add(pod.Metadata.Name);
        }
    }
}
