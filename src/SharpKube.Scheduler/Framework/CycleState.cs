namespace SharpKube.Scheduler.Framework;

/// <summary>
/// What plugins pass to their later extension points during one pod's scheduling and binding cycle (upstream's
/// <c>CycleState</c>), plus which plugins asked to be skipped. Written at PreFilter, PreScore and Reserve, which run
/// one at a time; read by Filter and Score, which run in parallel over nodes — so no locking is needed.
/// </summary>
public sealed class CycleState
{
    private object?[] _slots = new object?[Math.Max(CycleStateKeys.Count, 4)];

    /// <summary>Filter plugins (by index in the profile's filter list) whose PreFilter returned Skip.</summary>
    internal ulong SkipFilterPlugins { get; set; }

    /// <summary>Score plugins (by index in the profile's score list) whose PreScore returned Skip.</summary>
    internal ulong SkipScorePlugins { get; set; }

    /// <summary>
    /// A copy for simulating changes (preemption, nominated pods): data implementing <see cref="ICloneableStateData"/>
    /// is deep-copied, other data shared; the skip sets are copied.
    /// </summary>
    public CycleState Clone()
    {
        var clone = new CycleState { SkipFilterPlugins = SkipFilterPlugins, SkipScorePlugins = SkipScorePlugins };
        clone._slots = new object?[_slots.Length];
        for (var i = 0; i < _slots.Length; i++)
        {
            clone._slots[i] = _slots[i] is ICloneableStateData data ? data.Clone() : _slots[i];
        }
        return clone;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    public void Write<T>(CycleStateKey<T> key, T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Index >= _slots.Length)
        {
            Array.Resize(ref _slots, Math.Max(key.Index + 1, _slots.Length * 2));
        }
        _slots[key.Index] = value;
    }

    /// <summary>Reads what is stored under <paramref name="key"/>; false when nothing is.</summary>
    public bool TryRead<T>(CycleStateKey<T> key, out T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Index < _slots.Length && _slots[key.Index] is T found)
        {
            value = found;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>Reads what is stored under <paramref name="key"/>.</summary>
    /// <exception cref="InvalidOperationException">Nothing is (upstream: "error reading … from cycleState").</exception>
    public T Read<T>(CycleStateKey<T> key)
        where T : class =>
        TryRead(key, out var value) ? value : throw new InvalidOperationException($"error reading \"{key.Name}\" from cycleState: not found");
}
