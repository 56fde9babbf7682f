using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Queue;

/// <summary>
/// The pending pods (upstream's <c>PriorityQueue</c>): the active queue, a heap in QueueSort order that the scheduling
/// loop pops; the backoff queue, a heap by backoff expiry (1 s after the first failed attempt, doubling to 10 s),
/// emptied into the active queue as backoffs end; and the unschedulable pool, where pods rejected by plugins wait
/// for a cluster event one of those plugins registered (or 5 minutes). PreEnqueue plugins gate pods at the active
/// queue's door. Pods popped and not yet <see cref="Done"/> are "in flight": events meanwhile are remembered, so a
/// pod that fails after an event that could have helped it goes to backoff rather than waiting for another event.
/// Thread-safe; one lock.
/// </summary>
public sealed partial class SchedulingQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Func<string, SchedulingFramework?> _frameworkFor;
    private readonly SchedulingQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PodHeap _active;
    private readonly PodHeap _backoff;
    private readonly Dictionary<string, QueuedPodInfo> _unschedulable = new(StringComparer.Ordinal);
    // In-flight bookkeeping is by uid, as upstream's: a pod deleted and created again under its name is another pod.
    private readonly Dictionary<string, QueuedPodInfo> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deletedInFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _updatedInFlight = new(StringComparer.Ordinal);
    private readonly List<(long Cycle, ClusterEvent Event)> _inFlightEvents = [];
    private readonly IReadOnlyDictionary<string, IReadOnlyList<ClusterEvent>> _eventsByPlugin;
    private readonly ClusterEvent[] _registrations;
    private readonly ITimer _backoffTimer;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _backoffTimerDue = DateTimeOffset.MaxValue;
    private long _schedulingCycle;
    private bool _closed;

    /// <summary>
    /// A queue ordered by <paramref name="queueSort"/>, gating pods with the PreEnqueue plugins of the framework
    /// <paramref name="frameworkFor"/> gives for their scheduler name, and retrying unschedulable pods on the events
    /// in <paramref name="eventsByPlugin"/> (each plugin's registrations, over all profiles).
    /// </summary>
    public SchedulingQueue(IQueueSortPlugin queueSort, Func<string, SchedulingFramework?> frameworkFor,
        IReadOnlyDictionary<string, IReadOnlyList<ClusterEvent>> eventsByPlugin, SchedulingQueueOptions? options = null,
        TimeProvider? time = null, ILogger? logger = null, PodNominator? nominator = null)
    {
        ArgumentNullException.ThrowIfNull(queueSort);
        Nominator = nominator ?? new PodNominator();
        _frameworkFor = frameworkFor ?? throw new ArgumentNullException(nameof(frameworkFor));
        _eventsByPlugin = eventsByPlugin ?? throw new ArgumentNullException(nameof(eventsByPlugin));
        _registrations = [.. eventsByPlugin.Values.SelectMany(e => e)];
        _options = options ?? new SchedulingQueueOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _active = new PodHeap(queueSort.Less, backoffSlot: false);
        _backoff = new PodHeap((a, b) => a.BackoffExpiry < b.BackoffExpiry || (a.BackoffExpiry == b.BackoffExpiry && queueSort.Less(a, b)), backoffSlot: true);
        _backoffTimer = _time.CreateTimer(_ => FlushBackoffCompleted(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The nominated pods: kept current as pending pods are added, updated and deleted.</summary>
    public PodNominator Nominator { get; }

    /// <summary>How many pods wait in each queue.</summary>
    public PendingPods Pending
    {
        get
        {
            lock (_lock)
            {
                var gated = _unschedulable.Values.Count(p => p.Gated);
                return new PendingPods(_active.Count, _backoff.Count, _unschedulable.Count - gated, gated);
            }
        }
    }

    /// <summary>How many pods have been popped: the current scheduling cycle's number.</summary>
    public long SchedulingCycle
    {
        get
        {
            lock (_lock)
            {
                return _schedulingCycle;
            }
        }
    }

    /// <summary>A new pending pod: into the active queue, unless a PreEnqueue plugin gates it. A pod already queued is updated instead.</summary>
    public void Add(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        Nominator.AddFromStatus(pod);
        lock (_lock)
        {
            if (Find(pod.Key) is not null || _inFlight.ContainsKey(pod.Uid))
            {
                UpdateLocked(null, pod);
                return;
            }
            MoveToActive(new QueuedPodInfo(pod, _time.GetUtcNow()));
        }
    }

    /// <summary>
    /// A pending pod changed. Queued in the active or backoff queue: its entry is replaced (and re-ordered). In the
    /// unschedulable pool: a change beyond status and metadata bookkeeping moves it out (to backoff while its backoff
    /// lasts), re-running PreEnqueue for a gated pod. In flight: remembered, so a failure goes to backoff. Unknown: added.
    /// </summary>
    public void Update(PodInfo? oldPod, PodInfo newPod)
    {
        ArgumentNullException.ThrowIfNull(newPod);
        Nominator.UpdateNominatedPod(oldPod, newPod);
        lock (_lock)
        {
            UpdateLocked(oldPod, newPod);
        }
    }

    /// <summary>A pending pod was deleted (or got bound by someone else): it leaves every queue, and an in-flight one will not come back.</summary>
    public void Delete(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        Nominator.DeleteNominatedPodIfExists(pod);
        lock (_lock)
        {
            _active.Remove(pod.Key);
            _backoff.Remove(pod.Key);
            _unschedulable.Remove(pod.Key);
            if (_inFlight.ContainsKey(pod.Uid))
            {
                _deletedInFlight.Add(pod.Uid);
            }
        }
    }

    /// <summary>
    /// Waits for a pod in the active queue and pops it (counting an attempt and starting a scheduling cycle); null
    /// once the queue is closed.
    /// </summary>
    public async ValueTask<QueuedPodInfo?> PopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_closed)
                {
                    return null;
                }
                if (_active.Pop() is { } pod)
                {
                    pod.Attempts++;
                    pod.PoppedInCycle = ++_schedulingCycle;
                    pod.InitialAttemptTimestamp ??= _time.GetUtcNow();
                    _inFlight[pod.PodInfo.Uid] = pod;
                    return pod;
                }
                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                wait = _wake.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The scheduler is done with the popped pod with <paramref name="uid"/> (bound, or put back): it is no longer in flight.</summary>
    public void Done(string uid)
    {
        lock (_lock)
        {
            DoneLocked(uid);
        }
    }

    private void DoneLocked(string uid)
    {
        if (!_inFlight.Remove(uid))
        {
            return;
        }
        _deletedInFlight.Remove(uid);
        _updatedInFlight.Remove(uid);
        PruneInFlightEvents();
    }

    /// <summary>Whether the pod with <paramref name="key"/> is in any queue (not counting in flight).</summary>
    public bool Contains(string key)
    {
        lock (_lock)
        {
            return Find(key) is not null;
        }
    }

    /// <summary>Stops the queue: <see cref="PopAsync"/> returns null from now on.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _wake.TrySetResult();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        _backoffTimer.Dispose();
    }

    private void UpdateLocked(PodInfo? oldPod, PodInfo newPod)
    {
        var key = newPod.Key;
        if (_active.TryGet(key, out var active))
        {
            active.PodInfo = newPod;
            _active.AddOrUpdate(active);
            return;
        }
        if (_backoff.TryGet(key, out var backingOff))
        {
            backingOff.PodInfo = newPod;
            _backoff.AddOrUpdate(backingOff);
            return;
        }
        if (_unschedulable.TryGetValue(key, out var waiting))
        {
            waiting.PodInfo = newPod;
            if (oldPod is null || PodUpdates.IsMeaningful(oldPod.Pod, newPod.Pod))
            {
                _unschedulable.Remove(key);
                Requeue(waiting);
            }
            return;
        }
        if (_inFlight.ContainsKey(newPod.Uid))
        {
            if (oldPod is null || PodUpdates.IsMeaningful(oldPod.Pod, newPod.Pod))
            {
                _updatedInFlight.Add(newPod.Uid);
            }
            return;
        }
        // Unknown here — or a new pod under the name of one in flight (deleted and created again): queue it.
        MoveToActive(new QueuedPodInfo(newPod, _time.GetUtcNow()));
    }

    private QueuedPodInfo? Find(string key) =>
        _active.TryGet(key, out var pod) || _backoff.TryGet(key, out pod) || _unschedulable.TryGetValue(key, out pod) ? pod : null;

    /// <summary>Into the active queue if PreEnqueue lets it in; otherwise into the unschedulable pool as gated.</summary>
    private void MoveToActive(QueuedPodInfo pod)
    {
        var framework = _frameworkFor(pod.PodInfo.SchedulerName);
        var status = framework?.RunPreEnqueuePlugins(pod.PodInfo) ?? Status.Success;
        if (!status.IsSuccess)
        {
            pod.Gated = true;
            pod.GatingStatus = status;
            if (status.Plugin is { } plugin)
            {
                pod.UnschedulablePlugins = new HashSet<string>(StringComparer.Ordinal) { plugin };
            }
            _unschedulable[pod.PodInfo.Key] = pod;
            return;
        }
        pod.Gated = false;
        pod.GatingStatus = null;
        _active.AddOrUpdate(pod);
        _wake.TrySetResult();
    }
}
