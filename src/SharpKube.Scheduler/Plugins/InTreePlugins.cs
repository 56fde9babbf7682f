using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.DefaultBinder;
using SharpKube.Scheduler.Plugins.DefaultPreemption;
using SharpKube.Scheduler.Plugins.ImageLocality;
using SharpKube.Scheduler.Plugins.InterPodAffinity;
using SharpKube.Scheduler.Plugins.NodeAffinity;
using SharpKube.Scheduler.Plugins.NodeName;
using SharpKube.Scheduler.Plugins.NodePorts;
using SharpKube.Scheduler.Plugins.NodeResourcesBalancedAllocation;
using SharpKube.Scheduler.Plugins.NodeResourcesFit;
using SharpKube.Scheduler.Plugins.NodeUnschedulable;
using SharpKube.Scheduler.Plugins.PodTopologySpread;
using SharpKube.Scheduler.Plugins.PrioritySort;
using SharpKube.Scheduler.Plugins.SchedulingGates;
using SharpKube.Scheduler.Plugins.TaintToleration;
using SharpKube.Scheduler.Plugins.VolumeBinding;

namespace SharpKube.Scheduler.Plugins;

/// <summary>The plugins SharpKube's scheduler ships, by upstream's names.</summary>
public static class InTreePlugins
{
    /// <summary>A registry with every in-tree plugin.</summary>
    public static PluginRegistry CreateRegistry() => new PluginRegistry()
        .Register(PrioritySortPlugin.PluginName, _ => new PrioritySortPlugin())
        .Register(SchedulingGatesPlugin.PluginName, _ => new SchedulingGatesPlugin())
        .Register(NodeUnschedulablePlugin.PluginName, _ => new NodeUnschedulablePlugin())
        .Register(NodeNamePlugin.PluginName, _ => new NodeNamePlugin())
        .Register(TaintTolerationPlugin.PluginName, _ => new TaintTolerationPlugin())
        .Register(NodeAffinityPlugin.PluginName, c => new NodeAffinityPlugin(NodeAffinityArgs.Parse(c.Args)))
        .Register(NodePortsPlugin.PluginName, _ => new NodePortsPlugin())
        .Register(NodeResourcesFitPlugin.PluginName, c => new NodeResourcesFitPlugin(NodeResourcesFitArgs.Parse(c.Args)))
        .Register(PodTopologySpreadPlugin.PluginName, c => new PodTopologySpreadPlugin(c.Handle, PodTopologySpreadArgs.Parse(c.Args)))
        .Register(NodeResourcesBalancedAllocationPlugin.PluginName, c => new NodeResourcesBalancedAllocationPlugin(NodeResourcesBalancedAllocationArgs.Parse(c.Args)))
        .Register(InterPodAffinityPlugin.PluginName, c => new InterPodAffinityPlugin(c.Handle, InterPodAffinityArgs.Parse(c.Args)))
        .Register(VolumeBindingPlugin.PluginName, c => new VolumeBindingPlugin(
            c.Handle.Informers is { } informers ? VolumeObjects.From(informers) : VolumeObjects.Of(), c.Handle.Client))
        .Register(ImageLocalityPlugin.PluginName, c => new ImageLocalityPlugin(c.Handle))
        .Register(DefaultPreemptionPlugin.PluginName, c => new DefaultPreemptionPlugin(c.Handle, DefaultPreemptionArgs.Parse(c.Args)))
        .Register(DefaultBinderPlugin.PluginName, c => new DefaultBinderPlugin(c.Handle.Client));
}
