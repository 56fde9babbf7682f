using Microsoft.Extensions.Logging;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Cache;

/// <summary>Pods: bound ones from the informer, and assumed ones from the scheduling cycle.</summary>
public sealed partial class SchedulerCache
{
    /// <summary>Whether the pod with <paramref name="uid"/> is assumed (placed by the scheduler, not yet seen bound).</summary>
    public bool IsAssumedPod(string uid)
    {
        lock (_lock)
        {
            return _assumed.Contains(uid);
        }
    }

    /// <summary>The cached pod with <paramref name="uid"/>, or null.</summary>
    public PodInfo? GetPod(string uid)
    {
        lock (_lock)
        {
            return _pods.TryGetValue(uid, out var state) ? state.Pod : null;
        }
    }

    /// <summary>Places <paramref name="pod"/> (with its chosen node in <see cref="PodInfo.NodeName"/>) on its node before it is bound.</summary>
    /// <exception cref="InvalidOperationException">The pod is in the cache already.</exception>
    public void AssumePod(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_lock)
        {
            if (_pods.ContainsKey(pod.Uid))
            {
                throw new InvalidOperationException($"pod {pod.Key}({pod.Uid}) is in the cache, so can't be assumed");
            }
            AddToNode(pod);
            _pods[pod.Uid] = new CachedPod(pod);
            _assumed.Add(pod.Uid);
        }
    }

    /// <summary>The binding of an assumed pod was written: its expiry (if the cache has a TTL) starts now.</summary>
    public void FinishBinding(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_lock)
        {
            if (_assumed.Contains(pod.Uid) && _pods.TryGetValue(pod.Uid, out var state))
            {
                state.BindingFinished = true;
                state.Deadline = _assumedPodTtl > TimeSpan.Zero ? _time.GetUtcNow() + _assumedPodTtl : null;
            }
        }
    }

    /// <summary>An assumed pod will not be bound (its binding failed): it leaves its node.</summary>
    /// <exception cref="InvalidOperationException">The pod was not assumed, or on another node.</exception>
    public void ForgetPod(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_lock)
        {
            if (_pods.TryGetValue(pod.Uid, out var state) && state.Pod.NodeName != pod.NodeName)
            {
                throw new InvalidOperationException(
                    $"pod {pod.Key}({pod.Uid}) was assumed on {pod.NodeName} but assigned to {state.Pod.NodeName}");
            }
            if (state is null || !_assumed.Contains(pod.Uid))
            {
                throw new InvalidOperationException($"pod {pod.Key}({pod.Uid}) wasn't assumed so cannot be forgotten");
            }
            RemoveLocked(state.Pod);
        }
    }

    /// <summary>
    /// The informer saw a bound pod: confirms it if it was assumed (moving it if it landed on another node than
    /// assumed), otherwise adds it.
    /// </summary>
    public void AddPod(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_lock)
        {
            if (_pods.TryGetValue(pod.Uid, out var state))
            {
                if (_assumed.Remove(pod.Uid) && state.Pod.NodeName != pod.NodeName)
                {
                    _logger.LogInformation("Pod {Pod} was added to node {Node}, not the one it was assumed on ({Assumed})",
                        pod.Key, pod.NodeName, state.Pod.NodeName);
                }
                ReplaceLocked(state, pod);
                return;
            }
            AddToNode(pod);
            _pods[pod.Uid] = new CachedPod(pod);
        }
    }

    /// <summary>A bound pod changed (its node info is refreshed with the new version).</summary>
    public void UpdatePod(PodInfo oldPod, PodInfo newPod)
    {
        ArgumentNullException.ThrowIfNull(newPod);
        lock (_lock)
        {
            if (!_pods.TryGetValue(newPod.Uid, out var state) || _assumed.Contains(newPod.Uid))
            {
                // Not added yet (or still assumed, which only the add of the bound pod confirms): take it as an add.
                _assumed.Remove(newPod.Uid);
                if (state is not null)
                {
                    ReplaceLocked(state, newPod);
                    return;
                }
                AddToNode(newPod);
                _pods[newPod.Uid] = new CachedPod(newPod);
                return;
            }
            ReplaceLocked(state, newPod);
        }
    }

    /// <summary>A bound pod was deleted (or finished): it leaves the node it is cached on.</summary>
    public void RemovePod(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_lock)
        {
            if (_pods.TryGetValue(pod.Uid, out var state))
            {
                RemoveLocked(state.Pod);
            }
        }
    }

    /// <summary>Expires assumed pods whose binding finished longer than the TTL ago without the informer confirming them.</summary>
    public int CleanupExpiredAssumedPods()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var expired = _assumed.Select(uid => _pods[uid]).Where(s => s.BindingFinished && s.Deadline is { } deadline && now > deadline).ToList();
            foreach (var state in expired)
            {
                _logger.LogWarning("Assumed pod {Pod} on node {Node} expired without being seen bound", state.Pod.Key, state.Pod.NodeName);
                RemoveLocked(state.Pod);
            }
            return expired.Count;
        }
    }

    /// <summary>Expires assumed pods every second until cancelled (nothing to do without a TTL).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_assumedPodTtl <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                CleanupExpiredAssumedPods();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void ReplaceLocked(CachedPod state, PodInfo pod)
    {
        RemoveFromNode(state.Pod);
        AddToNode(pod);
        state.Pod = pod;
        state.BindingFinished = false;
        state.Deadline = null;
    }

    private void RemoveLocked(PodInfo cached)
    {
        RemoveFromNode(cached);
        _pods.Remove(cached.Uid);
        _assumed.Remove(cached.Uid);
    }

    private void AddToNode(PodInfo pod)
    {
        var entry = Entry(pod.NodeName);
        entry.Info.AddPod(pod);
        Touch(entry);
    }

    private void RemoveFromNode(PodInfo pod)
    {
        if (!_nodes.TryGetValue(pod.NodeName, out var entry))
        {
            return;
        }
        entry.Info.RemovePod(pod.Uid);
        if (entry.Info.Node is null && entry.Info.Pods.Count == 0)
        {
            Unlink(entry);
            _nodes.Remove(pod.NodeName);
            return;
        }
        Touch(entry);
    }
}
