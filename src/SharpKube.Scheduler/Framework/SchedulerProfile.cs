using System.Text.Json.Nodes;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// One scheduling profile, as a <c>KubeSchedulerConfiguration</c> profile says it: the scheduler name pods select it
/// by, the plugins enabled at every extension point they implement (<see cref="MultiPoint"/>), per-point overrides,
/// the plugins' arguments, and <c>percentageOfNodesToScore</c>.
/// </summary>
public sealed record SchedulerProfile
{
    /// <summary>The name in <c>spec.schedulerName</c> that selects the profile.</summary>
    public string SchedulerName { get; init; } = DefaultProfile.SchedulerName;

    /// <summary>Plugins enabled at every extension point they implement, in order, with their score weights.</summary>
    public PluginSet MultiPoint { get; init; } = PluginSet.Empty;

    /// <summary>Per extension point: plugins enabled there (their order wins) or disabled there.</summary>
    public IReadOnlyDictionary<ExtensionPoint, PluginSet> ExtensionPoints { get; init; } = new Dictionary<ExtensionPoint, PluginSet>();

    /// <summary>Plugin arguments by plugin name (each plugin's defaults apply when absent).</summary>
    public IReadOnlyDictionary<string, JsonObject> PluginArgs { get; init; } = new Dictionary<string, JsonObject>();

    /// <summary>How many nodes (in percent) to find feasible before scoring; null or 0: adaptive, as upstream.</summary>
    public int? PercentageOfNodesToScore { get; init; }
}
