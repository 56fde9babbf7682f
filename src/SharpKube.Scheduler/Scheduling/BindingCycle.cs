using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Metrics;
using SharpKube.Scheduler.Queue;

namespace SharpKube.Scheduler.Scheduling;

/// <summary>
/// The second half of placing a pod, run apart from the scheduling loop so the next pod need not wait for the API:
/// wait for Permit, PreBind, Bind (the binding POST), then tell the cache the binding was written, count the attempt,
/// record the <c>Scheduled</c> event and run PostBind. On failure the pod's reservation is undone, it leaves its node
/// in the cache (which retries pods that could use the room) and goes back to the queue through the failure handler.
/// </summary>
public sealed class BindingCycle
{
    private readonly SchedulerCache _cache;
    private readonly SchedulingQueue _queue;
    private readonly SchedulingFailureHandler _failures;
    private readonly SchedulerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>A binding cycle over the scheduler's cache and queue.</summary>
    public BindingCycle(SchedulerCache cache, SchedulingQueue queue, SchedulingFailureHandler failures, SchedulerMetrics metrics,
        TimeProvider time, ILogger logger)
    {
        _cache = cache;
        _queue = queue;
        _failures = failures;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>Binds <paramref name="assumed"/> (the pod as assumed on its node) and finishes its attempt either way.</summary>
    public async Task RunAsync(SchedulingFramework framework, CycleState state, QueuedPodInfo pod, PodInfo assumed, long startTimestamp,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(assumed);
        var node = assumed.NodeName;
        Status status;
        try
        {
            status = await framework.WaitOnPermitAsync(assumed, cancellationToken).ConfigureAwait(false);
            if (status.IsSuccess)
            {
                status = await framework.RunPreBindPluginsAsync(state, assumed, node, cancellationToken).ConfigureAwait(false);
            }
            if (status.IsSuccess)
            {
                status = await framework.RunBindPluginsAsync(state, assumed, node, cancellationToken).ConfigureAwait(false);
                if (status.IsSkip)
                {
                    status = Status.FromError(new InvalidOperationException("no bind plugin bound the pod (all of them skipped it)"));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Undo(framework, state, assumed);
            _queue.Done(pod.PodInfo.Uid);
            return;
        }
        if (!status.IsSuccess)
        {
            await HandleBindingErrorAsync(framework, state, pod, assumed, status, startTimestamp, cancellationToken).ConfigureAwait(false);
            return;
        }
        _cache.FinishBinding(assumed);
        _metrics.Attempt(SchedulerMetrics.Scheduled, framework.ProfileName, _time.GetElapsedTime(startTimestamp).TotalSeconds);
        framework.Handle.EventRecorder?.Event(assumed.Pod, EventType.Normal, "Scheduled",
            $"Successfully assigned {assumed.Namespace}/{assumed.Name} to {node}");
        framework.RunPostBindPlugins(state, assumed, node);
        _queue.Done(pod.PodInfo.Uid);
    }

    private async Task HandleBindingErrorAsync(SchedulingFramework framework, CycleState state, QueuedPodInfo pod, PodInfo assumed,
        Status status, long startTimestamp, CancellationToken cancellationToken)
    {
        Undo(framework, state, assumed);
        // The room the pod held is free again: retry the pods that could use it. A rejected pod must not be moved
        // by its own freed room, so the move waits until it is back in the queue and leaves it out.
        var uid = assumed.Uid;
        if (!status.IsRejected)
        {
            _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.AssignedPodDelete);
        }
        if (status.IsRejected)
        {
            var fitError = new FitError(assumed, 1, new Diagnosis());
            fitError.Diagnosis.NodeStatuses[assumed.NodeName] = status;
            fitError.Diagnosis.AddPluginStatus(status);
            status = Status.FromError(fitError, status.Plugin, status.Code);
        }
        await _failures.HandleAsync(framework, pod, status, startTimestamp, cancellationToken).ConfigureAwait(false);
        if (status.IsRejected)
        {
            _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.AssignedPodDelete, p => p.PodInfo.Uid != uid);
        }
    }

    private void Undo(SchedulingFramework framework, CycleState state, PodInfo assumed)
    {
        framework.RunReservePluginsUnreserve(state, assumed, assumed.NodeName);
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
