using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Cache;

/// <summary>A pod in the cache, and for an assumed one whether its binding finished and when it expires.</summary>
internal sealed class CachedPod(PodInfo pod)
{
    public PodInfo Pod { get; set; } = pod;

    public bool BindingFinished { get; set; }

    public DateTimeOffset? Deadline { get; set; }
}
