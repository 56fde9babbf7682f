namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Cycle-state data that a plugin changes in <see cref="IPreFilterExtensions"/>: <see cref="CycleState.Clone"/>
/// deep-copies it so that simulating one node leaves the cycle's own state alone. Data that never changes after
/// PreFilter need not implement it (clones share it).
/// </summary>
public interface ICloneableStateData
{
    /// <summary>A copy that can be changed without affecting this one.</summary>
    object Clone();
}
