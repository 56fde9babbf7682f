using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;
using SharpKube.Scheduler.Queue;

namespace SharpKube.Scheduler.Framework;

/// <summary>What plugins may use besides their arguments: the API, the node snapshot of the cycle, events, waiting pods.</summary>
public sealed class FrameworkHandle
{
    /// <summary>A handle over <paramref name="client"/> and <paramref name="snapshot"/>.</summary>
    public FrameworkHandle(IKubernetes client, Snapshot snapshot, EventRecorder? eventRecorder = null, Parallelizer? parallelizer = null,
        TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        Client = client;
        Snapshot = snapshot;
        EventRecorder = eventRecorder;
        Parallelizer = parallelizer ?? new Parallelizer(Parallelizer.DefaultParallelism);
        Time = time ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        WaitingPods = new WaitingPods(Time);
    }

    /// <summary>The API client (the scheduler's identity).</summary>
    public IKubernetes Client { get; }

    /// <summary>The nodes as of the running cycle. Read it only inside a scheduling cycle.</summary>
    public Snapshot Snapshot { get; }

    /// <summary>Records events as the profile's scheduler (null in tests that need none).</summary>
    public EventRecorder? EventRecorder { get; }

    /// <summary>Runs work over nodes in parallel.</summary>
    public Parallelizer Parallelizer { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Where plugins log.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>
    /// The scheduler's informer factory (null in unit tests): plugins that follow more than nodes and pods (PodTopologySpread's
    /// Services and controllers, VolumeBinding's claims and volumes) ask it for their informers when they are built, so
    /// those informers run only when a profile enables such a plugin; they are synced before the first cycle.
    /// </summary>
    public SharedInformerFactory? Informers { get; init; }

    /// <summary>The pods whose binding waits on a Permit plugin.</summary>
    public WaitingPods WaitingPods { get; }

    /// <summary>The pods nominated to nodes by preemption (the scheduling queue's; none by default).</summary>
    public IPodNominator Nominator { get; init; } = NoPodNominator.Instance;

    /// <summary>The PodDisruptionBudgets preemption tries not to violate (the scheduler's informer; none by default).</summary>
    public Func<IReadOnlyList<V1PodDisruptionBudget>> PodDisruptionBudgets { get; init; } = static () => [];

    /// <summary>The framework built over this handle (plugins that run other plugins, as preemption, need it).</summary>
    public SchedulingFramework? Framework { get; internal set; }
}
