namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A scheduler plugin. A plugin implements one small interface per extension point it takes part in
/// (<see cref="IFilterPlugin"/>, <see cref="IScorePlugin"/>, …); the profile decides where it is enabled.
/// </summary>
public interface IPlugin
{
    /// <summary>The plugin's name, as profiles and reasons name it (e.g. <c>NodeResourcesFit</c>).</summary>
    string Name { get; }
}
