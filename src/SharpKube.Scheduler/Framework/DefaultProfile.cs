namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Upstream's default profile (kube-scheduler v1 configuration defaults, 1.32): the multiPoint plugins in upstream's
/// order with its score weights — TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2,
/// NodeResourcesFit 1, NodeResourcesBalancedAllocation 1, ImageLocality 1 — limited to the plugins a registry has.
/// </summary>
public static class DefaultProfile
{
    /// <summary>The default scheduler name, which pods get when they name none.</summary>
    public const string SchedulerName = "default-scheduler";

    /// <summary>Upstream's default multiPoint list, in order, with the score weights.</summary>
    public static IReadOnlyList<PluginRef> UpstreamPlugins { get; } =
    [
        new("SchedulingGates"),
        new("PrioritySort"),
        new("NodeUnschedulable"),
        new("NodeName"),
        new("TaintToleration", 3),
        new("NodeAffinity", 2),
        new("NodePorts"),
        new("NodeResourcesFit", 1),
        new("VolumeRestrictions"),
        new("NodeVolumeLimits"),
        new("VolumeBinding"),
        new("VolumeZone"),
        new("PodTopologySpread", 2),
        new("InterPodAffinity", 2),
        new("DefaultPreemption"),
        new("NodeResourcesBalancedAllocation", 1),
        new("ImageLocality", 1),
        new("DefaultBinder"),
    ];

    /// <summary>The default profile under <paramref name="schedulerName"/>, with the upstream plugins <paramref name="registry"/> has.</summary>
    public static SchedulerProfile Create(PluginRegistry registry, string schedulerName = SchedulerName)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return new SchedulerProfile
        {
            SchedulerName = schedulerName,
            MultiPoint = new PluginSet { Enabled = [.. UpstreamPlugins.Where(p => registry.Contains(p.Name))] },
        };
    }
}
