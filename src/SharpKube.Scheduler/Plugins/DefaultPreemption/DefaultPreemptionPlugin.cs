using System.Collections.Concurrent;
using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// Upstream's <c>DefaultPreemption</c> PostFilter: when a pod fits no node, find nodes where evicting lower-priority
/// pods would let it fit, pick the one where that hurts least, nominate the pod there, and evict the victims (in the
/// background, as upstream's asynchronous preemption; the pod is scheduled on a later cycle, once they are gone).
/// Its messages join the <c>FailedScheduling</c> summary after <c>preemption: </c>.
/// </summary>
public sealed class DefaultPreemptionPlugin : IPostFilterPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "DefaultPreemption";

    /// <summary>The reason of a node whose rejection evicting pods cannot change.</summary>
    public const string NotHelpful = "Preemption is not helpful for scheduling";

    private readonly FrameworkHandle _handle;
    private readonly DefaultPreemptionArgs _args;
    private readonly VictimEviction _eviction;
    private readonly ConcurrentDictionary<string, Task> _evicting = new(StringComparer.Ordinal);

    /// <summary>The plugin over <paramref name="handle"/>'s framework, snapshot and API client.</summary>
    public DefaultPreemptionPlugin(FrameworkHandle handle, DefaultPreemptionArgs? args = null)
    {
        _handle = handle ?? throw new ArgumentNullException(nameof(handle));
        _args = args ?? new DefaultPreemptionArgs();
        _eviction = new VictimEviction(handle);
    }

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <summary>The evictions still running (for tests and shutdown).</summary>
    public Task Evictions => Task.WhenAll(_evicting.Values);

    /// <inheritdoc/>
    public Status PostFilter(CycleState state, PodInfo pod, IReadOnlyDictionary<string, Status> nodeStatuses, out string? nominatedNodeName)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodeStatuses);
        nominatedNodeName = null;
        var framework = _handle.Framework ?? throw new InvalidOperationException("DefaultPreemption needs the framework its handle was built into");
        if (NotEligible(pod, nodeStatuses) is { } reason)
        {
            return Status.Unschedulable(PluginName, "preemption: " + reason);
        }
        var nodes = _handle.Snapshot.NodeInfos;
        var finder = new CandidateFinder(framework, _args, _handle.PodDisruptionBudgets());
        var candidates = finder.Find(state, pod, nodes, nodeStatuses, out var diagnosis, out var error, out var anyNodeMightHelp);
        if (candidates.Count == 0)
        {
            if (!anyNodeMightHelp)
            {
                ClearOwnNomination(pod);
            }
            if (error is not null)
            {
                return error;
            }
            var fitError = new FitError(pod, nodes.Count, diagnosis);
            return Status.Unschedulable(PluginName, "preemption: " + fitError.Message);
        }
        var best = CandidatePicker.Pick(candidates)!;
        var clear = ClearLowerNominations(pod, best.NodeName);
        var eviction = Task.Run(() => _eviction.RunAsync(pod, best, clear, CancellationToken.None));
        _evicting[pod.Uid] = eviction;
        _ = eviction.ContinueWith(t => _evicting.TryRemove(new KeyValuePair<string, Task>(pod.Uid, t)), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        nominatedNodeName = best.NodeName;
        return Status.Success;
    }

    /// <summary>
    /// No node can be made to fit the pod: a nomination from an earlier preemption no longer holds, so it is dropped
    /// here and (in the background) from the pod's status, as upstream does.
    /// </summary>
    private void ClearOwnNomination(PodInfo pod)
    {
        if (_handle.Nominator.NominatedNodeName(pod).Length == 0 && string.IsNullOrEmpty(pod.Pod.Status?.NominatedNodeName))
        {
            return;
        }
        _handle.Nominator.DeleteNominatedPodIfExists(pod);
        _ = Task.Run(() => _eviction.ClearNominationsAsync([pod], CancellationToken.None));
    }

    /// <summary>Why <paramref name="pod"/> may not preempt now (upstream's <c>PodEligibleToPreemptOthers</c>), or null.</summary>
    private string? NotEligible(PodInfo pod, IReadOnlyDictionary<string, Status> nodeStatuses)
    {
        if (pod.Pod.Spec?.PreemptionPolicy == "Never")
        {
            return "not eligible due to preemptionPolicy=Never.";
        }
        if (_evicting.ContainsKey(pod.Uid))
        {
            // Its previous preemption is still evicting: the victims are about to terminate.
            return "not eligible due to a terminating pod on the nominated node.";
        }
        var nominated = _handle.Nominator.NominatedNodeName(pod);
        if (nominated.Length == 0)
        {
            nominated = pod.Pod.Status?.NominatedNodeName ?? "";
        }
        if (nominated.Length == 0 || nodeStatuses.GetValueOrDefault(nominated)?.Code == StatusCode.UnschedulableAndUnresolvable)
        {
            return null;
        }
        if (_handle.Snapshot.Get(nominated) is { } node && node.Pods.Any(p => p.Priority < pod.Priority && TerminatingByPreemption(p.Pod)))
        {
            return "not eligible due to a terminating pod on the nominated node.";
        }
        return null;
    }

    private static bool TerminatingByPreemption(V1Pod pod) =>
        pod.Metadata?.DeletionTimestamp is not null
        && pod.Status?.Conditions?.Any(c => c.Type == "DisruptionTarget" && c.Status == "True" && c.Reason == "PreemptionByScheduler") == true;

    /// <summary>The lower-priority pods nominated to <paramref name="nodeName"/> lose that nomination (returned, to clear in the API).</summary>
    private List<PodInfo> ClearLowerNominations(PodInfo pod, string nodeName)
    {
        var lower = _handle.Nominator.NominatedPodsForNode(nodeName).Where(p => p.Priority < pod.Priority && p.Uid != pod.Uid).ToList();
        foreach (var other in lower)
        {
            _handle.Nominator.DeleteNominatedPodIfExists(other);
        }
        return lower;
    }
}
