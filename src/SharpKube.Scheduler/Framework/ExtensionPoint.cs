namespace SharpKube.Scheduler.Framework;

/// <summary>The framework's extension points, in the order a pod meets them.</summary>
public enum ExtensionPoint
{
    /// <summary>Before the active queue.</summary>
    PreEnqueue,

    /// <summary>Orders the active queue.</summary>
    QueueSort,

    /// <summary>Once per cycle before Filter.</summary>
    PreFilter,

    /// <summary>Per node: does the pod fit.</summary>
    Filter,

    /// <summary>When no node fits.</summary>
    PostFilter,

    /// <summary>Once per cycle before Score.</summary>
    PreScore,

    /// <summary>Per feasible node: how good is it (normalizing included).</summary>
    Score,

    /// <summary>Claims resources on the chosen node.</summary>
    Reserve,

    /// <summary>Allows, rejects or delays binding.</summary>
    Permit,

    /// <summary>Before the binding is written.</summary>
    PreBind,

    /// <summary>Writes the binding.</summary>
    Bind,

    /// <summary>After a successful binding.</summary>
    PostBind,
}
