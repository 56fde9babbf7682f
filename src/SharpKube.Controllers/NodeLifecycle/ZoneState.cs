namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>How healthy a zone's nodes are, which sets how fast its nodes are tainted for eviction.</summary>
internal enum ZoneState
{
    /// <summary>Not evaluated yet.</summary>
    Initial,

    /// <summary>Few nodes are not ready: taint at the normal rate.</summary>
    Normal,

    /// <summary>Most nodes (more than two, at least the unhealthy share) are not ready: taint slowly, or not at all in a small zone.</summary>
    PartialDisruption,

    /// <summary>No node is ready.</summary>
    FullDisruption,
}
