using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Queue;

namespace SharpKube.Scheduler.Scheduling;

/// <summary>
/// The scheduling loop (upstream's <c>scheduleOne</c>): pop a pod, run the scheduling cycle — find a node, assume the
/// pod there in the cache, Reserve, Permit — and hand the binding cycle to a task of its own, so the next pod is
/// scheduled while the binding travels to the API server. One pod at a time; failures go to the failure handler.
/// </summary>
public sealed class PodScheduler
{
    private readonly SchedulingQueue _queue;
    private readonly SchedulerCache _cache;
    private readonly SchedulingAlgorithm _algorithm;
    private readonly IReadOnlyDictionary<string, SchedulingFramework> _profiles;
    private readonly SchedulingFailureHandler _failures;
    private readonly BindingCycle _binding;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Task> _bindings = new(StringComparer.Ordinal);

    /// <summary>A loop over <paramref name="queue"/> for the frameworks in <paramref name="profiles"/> (by scheduler name).</summary>
    public PodScheduler(SchedulingQueue queue, SchedulerCache cache, SchedulingAlgorithm algorithm,
        IReadOnlyDictionary<string, SchedulingFramework> profiles, SchedulingFailureHandler failures, BindingCycle binding,
        TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _cache = cache;
        _algorithm = algorithm;
        _profiles = profiles;
        _failures = failures;
        _binding = binding;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many binding cycles are running.</summary>
    public int BindingsInFlight => _bindings.Count;

    /// <summary>Schedules pods until cancelled, then waits for the binding cycles that are running.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var pod = await _queue.PopAsync(cancellationToken).ConfigureAwait(false);
                if (pod is null)
                {
                    break;
                }
                await ScheduleOneAsync(pod, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                await Task.WhenAll(_bindings.Values).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>One pod's scheduling cycle; its binding cycle continues in the background.</summary>
    internal async Task ScheduleOneAsync(QueuedPodInfo queued, CancellationToken cancellationToken)
    {
        var pod = queued.PodInfo;
        if (!_profiles.TryGetValue(pod.SchedulerName, out var framework))
        {
            _logger.LogError("No profile for scheduler name {SchedulerName} of pod {Pod}", pod.SchedulerName, pod.Key);
            _queue.Done(pod.Uid);
            return;
        }
        if (pod.IsBeingDeleted || _cache.IsAssumedPod(pod.Uid))
        {
            // Deleted pods need no node; an assumed pod (an update re-queued it while it binds) has one.
            _queue.Done(pod.Uid);
            return;
        }
        var start = _time.GetTimestamp();
        var state = new CycleState();
        var status = _algorithm.Schedule(framework, state, pod, out var result);
        if (!status.IsSuccess)
        {
            string? nominated = null;
            if (status.Error is FitError fitError && framework.HasPostFilterPlugins)
            {
                var postFilter = framework.RunPostFilterPlugins(state, pod, PostFilterNodeStatuses(framework, fitError), out nominated);
                fitError.Diagnosis.PostFilterMessage = postFilter.Message;
                status = Status.FromError(fitError, code: StatusCode.Unschedulable);
                if (postFilter.IsSuccess && !string.IsNullOrEmpty(nominated))
                {
                    // Counted on that node from now on, so lower-priority pods do not take the room being made.
                    framework.Handle.Nominator.AddNominatedPod(pod, nominated);
                }
            }
            await _failures.HandleAsync(framework, queued, status, start, cancellationToken, nominated).ConfigureAwait(false);
            return;
        }
        var assumed = pod.WithNodeName(result.SuggestedHost);
        framework.Handle.Nominator.DeleteNominatedPodIfExists(pod);
        try
        {
            _cache.AssumePod(assumed);
        }
        catch (InvalidOperationException e)
        {
            await _failures.HandleAsync(framework, queued, Status.FromError(e), start, cancellationToken).ConfigureAwait(false);
            return;
        }
        status = framework.RunReservePluginsReserve(state, assumed, result.SuggestedHost);
        if (status.IsSuccess)
        {
            status = framework.RunPermitPlugins(state, assumed, result.SuggestedHost);
        }
        if (!status.IsSuccess && !status.IsWait)
        {
            framework.RunReservePluginsUnreserve(state, assumed, result.SuggestedHost);
            Forget(assumed);
            if (status.IsRejected)
            {
                var fitError = new FitError(pod, 1, new Diagnosis());
                fitError.Diagnosis.NodeStatuses[result.SuggestedHost] = status;
                fitError.Diagnosis.AddPluginStatus(status);
                status = Status.FromError(fitError, status.Plugin, status.Code);
            }
            await _failures.HandleAsync(framework, queued, status, start, cancellationToken).ConfigureAwait(false);
            return;
        }
        var binding = Task.Run(() => _binding.RunAsync(framework, state, queued, assumed, start, cancellationToken), CancellationToken.None);
        _bindings[pod.Uid] = binding;
        _ = binding.ContinueWith(t => _bindings.TryRemove(new KeyValuePair<string, Task>(pod.Uid, t)), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// The status of every node for PostFilter: the Filter rejections, and for the nodes PreFilter already ruled out
    /// (absent from them) the PreFilter status — an Unschedulable one still lets preemption try those nodes.
    /// </summary>
    private static IReadOnlyDictionary<string, Status> PostFilterNodeStatuses(SchedulingFramework framework, FitError fitError)
    {
        var diagnosis = fitError.Diagnosis;
        if (diagnosis.AbsentNodesStatus is not { } absent || diagnosis.NodeStatuses.Count >= fitError.NumAllNodes)
        {
            return diagnosis.NodeStatuses;
        }
        var statuses = new Dictionary<string, Status>(diagnosis.NodeStatuses, StringComparer.Ordinal);
        foreach (var node in framework.Handle.Snapshot.NodeInfos)
        {
            statuses.TryAdd(node.Name, absent);
        }
        return statuses;
    }

    private void Forget(PodInfo assumed)
    {
        try
        {
            _cache.ForgetPod(assumed);
        }
        catch (InvalidOperationException e)
        {
            _logger.LogError("Scheduler cache ForgetPod failed: {Message}", e.Message);
        }
    }
}
