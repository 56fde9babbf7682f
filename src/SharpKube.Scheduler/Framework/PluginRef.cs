namespace SharpKube.Scheduler.Framework;

/// <summary>A plugin named in a profile, with its score weight (0: the default, 1; only Score uses it).</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="Weight">The score weight.</param>
public sealed record PluginRef(string Name, int Weight = 0);
