using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Cache;

/// <summary>A node's entry in the cache: its info, its place in the most-recently-changed list, and its images' names.</summary>
internal sealed class CachedNode(NodeInfo info)
{
    public NodeInfo Info { get; } = info;

    public CachedNode? Previous { get; set; }

    public CachedNode? Next { get; set; }

    public HashSet<string> ImageNames { get; set; } = new(StringComparer.Ordinal);
}
