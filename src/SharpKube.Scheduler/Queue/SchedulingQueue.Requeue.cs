using Microsoft.Extensions.Logging;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Queue;

/// <summary>Putting failed pods back, moving them on cluster events, and the backoff and unschedulable flushes.</summary>
public sealed partial class SchedulingQueue
{
    /// <summary>
    /// A popped pod failed: it goes to the backoff queue when its failure was an error (no plugin rejected it), when
    /// it was updated or an event its rejecting plugins registered happened while it was in flight; otherwise to the
    /// unschedulable pool. A pod deleted meanwhile, or already queued again, is dropped. Either way the pod is no
    /// longer in flight afterwards (this includes <see cref="Done"/>).
    /// </summary>
    public void AddUnschedulableIfNotPresent(QueuedPodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_lock)
        {
            var uid = pod.PodInfo.Uid;
            try
            {
                AddUnschedulableLocked(pod, uid);
            }
            finally
            {
                DoneLocked(uid);
            }
        }
    }

    private void AddUnschedulableLocked(QueuedPodInfo pod, string uid)
    {
        var key = pod.PodInfo.Key;
        if (_deletedInFlight.Contains(uid) || Find(key) is not null)
        {
            return;
        }
        pod.Timestamp = _time.GetUtcNow();
        pod.Gated = false;
        pod.GatingStatus = null;
        var retrySoon = _updatedInFlight.Contains(uid)
            || (pod.UnschedulablePlugins.Count == 0 && pod.PendingPlugins.Count == 0)
            || _inFlightEvents.Exists(e => e.Cycle >= pod.PoppedInCycle && MatchesRejectors(pod, e.Event));
        if (retrySoon)
        {
            Requeue(pod);
        }
        else
        {
            _unschedulable[key] = pod;
        }
    }

    /// <summary>
    /// A cluster event happened: every unschedulable (not gated) pod that one of its rejecting plugins registered
    /// <paramref name="clusterEvent"/> for moves to the active queue, or to the backoff queue while its backoff
    /// lasts. <paramref name="preCheck"/> can narrow the pods further. Events no plugin registered cost nothing.
    /// </summary>
    public void MoveAllToActiveOrBackoffQueue(ClusterEvent clusterEvent, Func<QueuedPodInfo, bool>? preCheck = null)
    {
        if (!IsOfInterest(clusterEvent))
        {
            return;
        }
        lock (_lock)
        {
            if (_inFlight.Count > 0)
            {
                _inFlightEvents.Add((_schedulingCycle, clusterEvent));
            }
            if (_unschedulable.Count == 0)
            {
                return;
            }
            var moving = new List<QueuedPodInfo>();
            foreach (var pod in _unschedulable.Values)
            {
                if (!pod.Gated && (preCheck?.Invoke(pod) ?? true) && MatchesRejectors(pod, clusterEvent))
                {
                    moving.Add(pod);
                }
            }
            foreach (var pod in moving)
            {
                _unschedulable.Remove(pod.PodInfo.Key);
                Requeue(pod);
            }
            if (moving.Count > 0)
            {
                _logger.LogDebug("Moved {Count} unschedulable pods on {Event}", moving.Count, clusterEvent);
            }
        }
    }

    /// <summary>Runs the periodic flush of the unschedulable pool until cancelled (backoffs end by timer, not here).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.UnschedulableFlushInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                FlushUnschedulableLeftover();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Moves the pods that waited in the unschedulable pool longer than the maximum (gated ones stay).</summary>
    internal void FlushUnschedulableLeftover()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var expired = _unschedulable.Values.Where(p => !p.Gated && now - p.Timestamp >= _options.PodMaxInUnschedulablePodsDuration).ToList();
            foreach (var pod in expired)
            {
                _unschedulable.Remove(pod.PodInfo.Key);
                Requeue(pod);
            }
        }
    }

    /// <summary>How long <paramref name="attempts"/> failed attempts back a pod off: 1 s, 2 s, 4 s, … up to the maximum; 0 before any.</summary>
    internal TimeSpan BackoffDuration(int attempts)
    {
        if (attempts <= 0)
        {
            return TimeSpan.Zero;
        }
        var duration = _options.PodInitialBackoff;
        for (var i = 1; i < attempts; i++)
        {
            if (duration > _options.PodMaxBackoff - duration)
            {
                return _options.PodMaxBackoff;
            }
            duration += duration;
        }
        return duration;
    }

    /// <summary>To the backoff queue while the pod's backoff lasts, else (through PreEnqueue) to the active queue.</summary>
    private void Requeue(QueuedPodInfo pod)
    {
        pod.BackoffExpiry = pod.Timestamp + BackoffDuration(pod.Attempts);
        if (pod.BackoffExpiry > _time.GetUtcNow())
        {
            _backoff.AddOrUpdate(pod);
            ArmBackoffTimer();
            return;
        }
        MoveToActive(pod);
    }

    private void FlushBackoffCompleted()
    {
        lock (_lock)
        {
            _backoffTimerDue = DateTimeOffset.MaxValue;
            var now = _time.GetUtcNow();
            while (_backoff.Peek() is { } pod && pod.BackoffExpiry <= now)
            {
                _backoff.Pop();
                MoveToActive(pod);
            }
            ArmBackoffTimer();
        }
    }

    /// <summary>Arms the timer for the earliest backoff expiry, unless it is armed for that or earlier already.</summary>
    private void ArmBackoffTimer()
    {
        if (_closed || _backoff.Peek() is not { } first || first.BackoffExpiry >= _backoffTimerDue)
        {
            return;
        }
        _backoffTimerDue = first.BackoffExpiry;
        var due = first.BackoffExpiry - _time.GetUtcNow();
        _backoffTimer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private bool IsOfInterest(ClusterEvent clusterEvent)
    {
        if (clusterEvent.IsWildCard)
        {
            return true;
        }
        foreach (var registration in _registrations)
        {
            if (clusterEvent.Matches(registration))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether an event could help a pod: wildcards and pods no plugin rejected always; else one of its rejectors registered it.</summary>
    private bool MatchesRejectors(QueuedPodInfo pod, ClusterEvent clusterEvent)
    {
        if (clusterEvent.IsWildCard || (pod.UnschedulablePlugins.Count == 0 && pod.PendingPlugins.Count == 0))
        {
            return true;
        }
        return Matches(pod.UnschedulablePlugins) || Matches(pod.PendingPlugins);

        bool Matches(IReadOnlySet<string> plugins)
        {
            foreach (var plugin in plugins)
            {
                if (!_eventsByPlugin.TryGetValue(plugin, out var registrations))
                {
                    return true;
                }
                foreach (var registration in registrations)
                {
                    if (clusterEvent.Matches(registration))
                    {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /// <summary>Drops the remembered events no in-flight pod can still be affected by (checked now and then, not per pod).</summary>
    private void PruneInFlightEvents()
    {
        if (_inFlight.Count == 0)
        {
            _inFlightEvents.Clear();
            return;
        }
        if (_inFlightEvents.Count < 256)
        {
            return;
        }
        var oldest = _inFlight.Values.Min(p => p.PoppedInCycle);
        _inFlightEvents.RemoveAll(e => e.Cycle < oldest);
    }
}
