namespace SharpKube.Scheduler.Framework;

/// <summary>What a plugin's <see cref="Status"/> says, with upstream's meanings.</summary>
public enum StatusCode
{
    /// <summary>The plugin ran and the pod may go on (on a node: the node fits).</summary>
    Success,

    /// <summary>An internal failure, not about the pod's fit: the pod is retried after its backoff.</summary>
    Error,

    /// <summary>The pod does not fit (here, now); preemption may help, and a cluster event may change the answer.</summary>
    Unschedulable,

    /// <summary>The pod does not fit, and preemption cannot help (evicting pods on the node would not change it).</summary>
    UnschedulableAndUnresolvable,

    /// <summary>A Permit plugin asks the binding cycle to wait for an allow or reject (or its timeout).</summary>
    Wait,

    /// <summary>The plugin has nothing to do for this pod: its later extension points are skipped in this cycle.</summary>
    Skip,

    /// <summary>The pod waits for something outside the scheduler (e.g. a resource claim); it is not retried until a relevant event.</summary>
    Pending,
}
