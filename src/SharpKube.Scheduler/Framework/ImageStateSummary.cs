namespace SharpKube.Scheduler.Framework;

/// <summary>
/// An image some node has: its size and on how many nodes it is (for ImageLocality's spread factor). One instance per
/// image, shared by every node that has it and owned by the cache, which updates <see cref="NumNodes"/> as nodes
/// come and go; readers in a scheduling cycle may see the count of a moment earlier, which is all scoring needs.
/// </summary>
public sealed class ImageStateSummary
{
    private int _numNodes;

    /// <summary>An image of <paramref name="size"/> bytes.</summary>
    public ImageStateSummary(long size) => Size = size;

    /// <summary>The image's size in bytes (as the last node that reported it said).</summary>
    public long Size { get; internal set; }

    /// <summary>How many nodes have the image.</summary>
    public int NumNodes => Volatile.Read(ref _numNodes);

    internal void AddNode() => Interlocked.Increment(ref _numNodes);

    internal int RemoveNode() => Interlocked.Decrement(ref _numNodes);
}
