namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A typed slot in <see cref="CycleState"/>. Plugins keep one in a static field; each key gets its own index once, so
/// reading and writing state is an array access instead of upstream's map lookup by string.
/// </summary>
/// <typeparam name="T">What the plugin stores.</typeparam>
public sealed class CycleStateKey<T>
    where T : class
{
    /// <summary>A new key; <paramref name="name"/> is for error messages.</summary>
    public CycleStateKey(string name)
    {
        Name = name;
        Index = CycleStateKeys.Next();
    }

    /// <summary>The key's name, e.g. <c>PreFilterNodeResourcesFit</c>.</summary>
    public string Name { get; }

    internal int Index { get; }
}
