using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Informers;
using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Queue;

namespace SharpKube.Scheduler.Scheduling;

/// <summary>
/// Feeds the informers' changes into the cache and the queue (upstream's <c>addAllEventHandlers</c>): nodes go to the
/// cache and, when added or changed in a way that matters, retry the unschedulable pods that wait for such a change;
/// pods bound to a node (not finished) go to the cache; pending pods whose <c>spec.schedulerName</c> is one of the
/// profiles' go to the queue; other schedulers' pods are left alone.
/// </summary>
internal sealed class SchedulerEventHandlers
{
    private readonly SchedulerCache _cache;
    private readonly SchedulingQueue _queue;
    private readonly IReadOnlyDictionary<string, SchedulingFramework> _profiles;
    private readonly ILogger _logger;

    public SchedulerEventHandlers(SchedulerCache cache, SchedulingQueue queue, IReadOnlyDictionary<string, SchedulingFramework> profiles, ILogger logger)
    {
        _cache = cache;
        _queue = queue;
        _profiles = profiles;
        _logger = logger;
    }

    public ResourceEventHandler<V1Node> Nodes => new()
    {
        OnAdd = node =>
        {
            _cache.AddNode(node);
            _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.NodeAdd);
        },
        OnUpdate = (oldNode, newNode) =>
        {
            _cache.UpdateNode(oldNode, newNode);
            if (NodeEvents.Classify(oldNode, newNode) is var action && action != ActionType.None)
            {
                _queue.MoveAllToActiveOrBackoffQueue(new ClusterEvent(EventResource.Node, action, "NodeUpdate"));
            }
        },
        OnDelete = _cache.RemoveNode,
    };

    public ResourceEventHandler<V1Pod> Pods => new()
    {
        OnAdd = AddPod,
        OnUpdate = UpdatePod,
        OnDelete = DeletePod,
    };

    private static bool IsAssigned(V1Pod pod) => !string.IsNullOrEmpty(pod.Spec?.NodeName);

    private static bool IsTerminal(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private bool IsResponsibleFor(V1Pod pod) =>
        _profiles.ContainsKey(string.IsNullOrEmpty(pod.Spec?.SchedulerName) ? DefaultProfile.SchedulerName : pod.Spec.SchedulerName);

    private void AddPod(V1Pod pod)
    {
        if (IsTerminal(pod))
        {
            return;
        }
        if (IsAssigned(pod))
        {
            _cache.AddPod(PodInfo.Create(pod));
            _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.AssignedPodAdd);
        }
        else if (IsResponsibleFor(pod))
        {
            _queue.Add(PodInfo.Create(pod));
        }
    }

    private void UpdatePod(V1Pod oldPod, V1Pod newPod)
    {
        if (IsTerminal(newPod))
        {
            // A finished pod holds nothing any more (the informer's field selector usually turns this into a delete).
            DeletePod(oldPod);
            return;
        }
        if (IsAssigned(newPod))
        {
            var info = PodInfo.Create(newPod);
            if (!IsAssigned(oldPod))
            {
                // Bound: it leaves the queue (if anyone else bound it) and the cache confirms or adds it.
                _queue.Delete(PodInfo.Create(oldPod));
                _cache.AddPod(info);
                _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.AssignedPodAdd);
                return;
            }
            var old = PodInfo.Create(oldPod);
            _cache.UpdatePod(old, info);
            _queue.MoveAllToActiveOrBackoffQueue(new ClusterEvent(EventResource.Pod, AssignedPodUpdate(old, info, oldPod, newPod), "AssignedPodUpdate"));
            return;
        }
        if (IsResponsibleFor(newPod))
        {
            _queue.Update(PodInfo.Create(oldPod), PodInfo.Create(newPod));
        }
        else if (IsResponsibleFor(oldPod))
        {
            _queue.Delete(PodInfo.Create(oldPod));
        }
    }

    private void DeletePod(V1Pod pod)
    {
        var info = PodInfo.Create(pod);
        if (IsAssigned(pod))
        {
            _cache.RemovePod(info);
            _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.AssignedPodDelete);
            return;
        }
        _queue.Delete(info);
        foreach (var framework in _profiles.Values)
        {
            // A pod deleted while its binding waits on Permit is assumed in the cache: rejecting it frees its room.
            if (framework.Handle.WaitingPods.Reject(info.Uid, "", "removed"))
            {
                _logger.LogDebug("Rejected waiting pod {Pod}: deleted", info.Key);
                _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.AssignedPodDelete);
            }
        }
    }

    private static ActionType AssignedPodUpdate(PodInfo old, PodInfo info, V1Pod oldPod, V1Pod newPod)
    {
        var action = ActionType.None;
        var (oldLabels, newLabels) = (oldPod.Metadata?.Labels, newPod.Metadata?.Labels);
        if ((oldLabels?.Count ?? 0) != (newLabels?.Count ?? 0) || (oldLabels ?? new Dictionary<string, string>()).Any(l => newLabels?.TryGetValue(l.Key, out var v) != true || v != l.Value))
        {
            action |= ActionType.UpdatePodLabel;
        }
        var (a, b) = (old.Requests, info.Requests);
        if (b.MilliCpu < a.MilliCpu || b.Memory < a.Memory || b.EphemeralStorage < a.EphemeralStorage)
        {
            action |= ActionType.UpdatePodScaleDown;
        }
        return action == ActionType.None ? ActionType.UpdatePodOther : action;
    }
}
