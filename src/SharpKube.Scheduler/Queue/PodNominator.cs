using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Queue;

/// <summary>
/// The nominated pods by node (upstream's <c>nominator</c>): a pod is nominated by preemption (the PostFilter result)
/// or by the <c>status.nominatedNodeName</c> the informer delivers, and forgotten when it is bound, deleted or
/// nominated elsewhere. Thread-safe: the scheduling cycle reads it from the filter threads while informer handlers
/// change it. A node without nominated pods costs a read of a counter and no allocation.
/// </summary>
public sealed class PodNominator : IPodNominator
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<PodInfo>> _byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nodeByUid = new(StringComparer.Ordinal);
    private volatile int _count;

    /// <summary>How many pods are nominated.</summary>
    public int Count => _count;

    /// <inheritdoc/>
    public void AddNominatedPod(PodInfo pod, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_lock)
        {
            DeleteLocked(pod.Uid);
            if (!string.IsNullOrEmpty(nodeName))
            {
                AddLocked(pod, nodeName);
            }
        }
    }

    /// <summary>A pending pod reached the queue: nominated where its <c>status.nominatedNodeName</c> says, if anywhere.</summary>
    public void AddFromStatus(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Pod.Status?.NominatedNodeName is { Length: > 0 } nodeName && string.IsNullOrEmpty(pod.Pod.Spec?.NodeName))
        {
            AddNominatedPod(pod, nodeName);
        }
    }

    /// <summary>
    /// A pending pod changed: its entry points at the new version. A pod nominated in memory whose update still
    /// lacks <c>status.nominatedNodeName</c> on both sides (the status patch has not arrived) keeps its nomination.
    /// </summary>
    public void UpdateNominatedPod(PodInfo? oldPod, PodInfo newPod)
    {
        ArgumentNullException.ThrowIfNull(newPod);
        lock (_lock)
        {
            var oldName = oldPod?.Pod.Status?.NominatedNodeName ?? "";
            var newName = newPod.Pod.Status?.NominatedNodeName ?? "";
            var nodeName = newName;
            if (oldName.Length == 0 && newName.Length == 0 && _nodeByUid.TryGetValue(newPod.Uid, out var kept))
            {
                nodeName = kept;
            }
            DeleteLocked(newPod.Uid);
            if (nodeName.Length > 0 && string.IsNullOrEmpty(newPod.Pod.Spec?.NodeName))
            {
                AddLocked(newPod, nodeName);
            }
        }
    }

    /// <inheritdoc/>
    public void DeleteNominatedPodIfExists(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (_count == 0)
        {
            return;
        }
        lock (_lock)
        {
            DeleteLocked(pod.Uid);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName)
    {
        if (_count == 0)
        {
            return [];
        }
        lock (_lock)
        {
            // A copy: the caller reads it outside the lock while handlers change the list.
            return _byNode.TryGetValue(nodeName, out var pods) ? [.. pods] : [];
        }
    }

    /// <inheritdoc/>
    public string NominatedNodeName(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (_count == 0)
        {
            return "";
        }
        lock (_lock)
        {
            return _nodeByUid.GetValueOrDefault(pod.Uid) ?? "";
        }
    }

    private void AddLocked(PodInfo pod, string nodeName)
    {
        _nodeByUid[pod.Uid] = nodeName;
        if (!_byNode.TryGetValue(nodeName, out var pods))
        {
            pods = [];
            _byNode[nodeName] = pods;
        }
        pods.Add(pod);
        _count = _nodeByUid.Count;
    }

    private void DeleteLocked(string uid)
    {
        if (!_nodeByUid.Remove(uid, out var nodeName))
        {
            return;
        }
        if (_byNode.TryGetValue(nodeName, out var pods))
        {
            pods.RemoveAll(p => p.Uid == uid);
            if (pods.Count == 0)
            {
                _byNode.Remove(nodeName);
            }
        }
        _count = _nodeByUid.Count;
    }
}
