using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Metrics;
using SharpKube.Scheduler.Queue;

namespace SharpKube.Scheduler.Scheduling;

/// <summary>
/// What happens when a pod's scheduling or binding fails, as upstream's <c>handleSchedulingFailure</c>: the metric,
/// the pod back into the queue (its newest version, with the plugins that rejected it), a <c>FailedScheduling</c>
/// Warning event with the message, and <c>PodScheduled=False</c> with reason <c>Unschedulable</c> (rejected) or
/// <c>SchedulerError</c> (an error).
/// </summary>
public sealed class SchedulingFailureHandler
{
    /// <summary>Events longer than this are cut, as upstream's events API limits a note to 1024 characters.</summary>
    public const int MessageLimit = 1024;

    private readonly SchedulingQueue _queue;
    private readonly Func<string, string, V1Pod?> _latestPod;
    private readonly PodConditionUpdater _conditions;
    private readonly SchedulerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>A handler requeuing into <paramref name="queue"/>, reading pods' newest versions through <paramref name="latestPod"/> (namespace, name).</summary>
    public SchedulingFailureHandler(SchedulingQueue queue, Func<string, string, V1Pod?> latestPod, PodConditionUpdater conditions,
        SchedulerMetrics metrics, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _latestPod = latestPod;
        _conditions = conditions;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Handles <paramref name="status"/>, the failure of <paramref name="pod"/>'s attempt that started at
    /// <paramref name="startTimestamp"/>; <paramref name="nominatedNodeName"/> (preemption's pick) goes into the pod's
    /// <c>status.nominatedNodeName</c> with the condition.
    /// </summary>
    public async Task HandleAsync(SchedulingFramework framework, QueuedPodInfo pod, Status status, long startTimestamp, CancellationToken cancellationToken,
        string? nominatedNodeName = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(status);
        var rejected = status.IsRejected;
        _metrics.Attempt(rejected ? SchedulerMetrics.Unschedulable : SchedulerMetrics.Error, framework.ProfileName,
            _time.GetElapsedTime(startTimestamp).TotalSeconds);
        var info = pod.PodInfo;
        var message = status.Message;
        switch (status.Error)
        {
            case NoNodesAvailableException:
                pod.ClearRejections();
                _logger.LogInformation("Unable to schedule pod {Pod}; no nodes are registered to the cluster; waiting", info.Key);
                break;
            case FitError fitError:
                pod.UnschedulablePlugins = fitError.Diagnosis.UnschedulablePlugins;
                pod.PendingPlugins = fitError.Diagnosis.PendingPlugins;
                _logger.LogInformation("Unable to schedule pod {Pod}; no fit; waiting: {Message}", info.Key, message);
                break;
            default:
                pod.ClearRejections();
                if (rejected && status.Plugin is { } plugin)
                {
                    pod.UnschedulablePlugins = new HashSet<string>(StringComparer.Ordinal) { plugin };
                }
                _logger.LogWarning("Error scheduling pod {Pod}; retrying: {Message}", info.Key, message);
                break;
        }

        var latest = _latestPod(info.Namespace, info.Name);
        if (latest is null || latest.Metadata?.Uid != info.Uid)
        {
            // Gone: nobody will read an event or a condition about it (upstream still writes them).
            _logger.LogInformation("Pod {Pod} doesn't exist in informer cache", info.Key);
            _queue.Done(info.Uid);
            return;
        }
        if (!string.IsNullOrEmpty(latest.Spec?.NodeName))
        {
            // Bound by someone else meanwhile: PodScheduled=False would now be wrong (upstream still writes it).
            _logger.LogInformation("Pod {Pod} has been assigned to node {Node}; not adding it back to the queue", info.Key, latest.Spec.NodeName);
            _queue.Done(info.Uid);
            return;
        }
        if (!ReferenceEquals(latest, info.Pod))
        {
            pod.PodInfo = PodInfo.Create(latest);
        }
        _queue.AddUnschedulableIfNotPresent(pod);

        framework.Handle.EventRecorder?.Event(latest, EventType.Warning, "FailedScheduling", Truncate(message));
        await _conditions.UpdateAsync(latest, "False", rejected ? "Unschedulable" : "SchedulerError", message, cancellationToken, nominatedNodeName)
            .ConfigureAwait(false);
    }

    /// <summary>Cuts <paramref name="message"/> to the event limit with " ..." at the end, as upstream.</summary>
    public static string Truncate(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        const string suffix = " ...";
        return message.Length <= MessageLimit ? message : string.Concat(message.AsSpan(0, MessageLimit - suffix.Length), suffix);
    }
}
