namespace SharpKube.Cli.Bench.ApiServer.Phases;

/// <summary>Hands out pod indices to the create clients of a phase, each once, up to a limit.</summary>
internal sealed class PodIndexSource
{
    private readonly long _limit;
    private long _next;

    /// <param name="first">The first index to hand out.</param>
    /// <param name="limit">One past the last index to hand out.</param>
    public PodIndexSource(long first, long limit)
    {
        _next = first;
        _limit = limit;
    }

    /// <summary>One past the last index handed out.</summary>
    public long End => Math.Min(Interlocked.Read(ref _next), _limit);

    /// <summary>Takes the next index; false when all are taken.</summary>
    public bool TryTake(out long index)
    {
        index = Interlocked.Increment(ref _next) - 1;
        return index < _limit;
    }
}
