using System.Text.Json.Nodes;

namespace SharpKube.Scheduler.Framework;

/// <summary>What a plugin is built from: the framework's handle and the plugin's arguments from the profile.</summary>
/// <param name="Handle">Access to the cluster and the framework.</param>
/// <param name="Args">The plugin's arguments (null: its defaults).</param>
public sealed record PluginContext(FrameworkHandle Handle, JsonObject? Args);
