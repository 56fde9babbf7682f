namespace SharpKube.Scheduler.Framework;

/// <summary>Hands out the slot indexes of <see cref="CycleStateKey{T}"/>s.</summary>
internal static class CycleStateKeys
{
    private static int _count;

    /// <summary>How many keys exist.</summary>
    public static int Count => Volatile.Read(ref _count);

    /// <summary>The next free index.</summary>
    public static int Next() => Interlocked.Increment(ref _count) - 1;
}
