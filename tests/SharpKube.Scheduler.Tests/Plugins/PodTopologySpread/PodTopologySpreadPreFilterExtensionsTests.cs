using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Tests.Fixtures;
using static SharpKube.Scheduler.Tests.Plugins.PodTopologySpread.Spread;

namespace SharpKube.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadPreFilterExtensionsTests
{
    [Fact]
    public void RemovePod_OnAClone_LetsTheNodeFit_AndLeavesTheCyclesStateAlone()
    {
        var onA = Pods(2);
        NodeInfo[] nodes = [Node("node-a", "zone-a", onA), Node("node-b", "zone-b", Pods(1))];
        var plugin = Plugin(nodes);
        var pod = Make.Info(Pod("new", constraints: Constraint()));
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, nodes, out _).IsSuccess);
        Assert.Equal(StatusCode.Unschedulable, plugin.Filter(state, pod, nodes[0]).Code);

        var clone = state.Clone();
        Assert.True(plugin.RemovePod(clone, pod, Make.Info(onA[0]).WithNodeName("node-a"), nodes[0]).IsSuccess);

        Assert.True(plugin.Filter(clone, pod, nodes[0]).IsSuccess);
        Assert.Equal(StatusCode.Unschedulable, plugin.Filter(state, pod, nodes[0]).Code);
    }

    [Fact]
    public void AddPod_RaisesTheNodesDomain_AndTheGlobalMinimum()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a"), Node("node-b", "zone-b")];
        var plugin = Plugin(nodes);
        var pod = Make.Info(Pod("new", constraints: Constraint()));
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, nodes, out _).IsSuccess);

        Assert.True(plugin.AddPod(state, pod, Make.Info(Pods(1)[0]), nodes[0]).IsSuccess);
        Assert.Equal(StatusCode.Unschedulable, plugin.Filter(state, pod, nodes[0]).Code);
        Assert.True(plugin.Filter(state, pod, nodes[1]).IsSuccess);

        // Once zone-b has one too, the minimum is 1 and both fit again.
        Assert.True(plugin.AddPod(state, pod, Make.Info(Pods(1)[0]), nodes[1]).IsSuccess);
        Assert.True(plugin.Filter(state, pod, nodes[0]).IsSuccess);
        Assert.True(plugin.Filter(state, pod, nodes[1]).IsSuccess);
    }

    [Fact]
    public void AddPod_IgnoresPodsOfOtherNamespacesOrNotSelected()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a"), Node("node-b", "zone-b")];
        var plugin = Plugin(nodes);
        var pod = Make.Info(Pod("new", constraints: Constraint()));
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, nodes, out _).IsSuccess);

        plugin.AddPod(state, pod, Make.Info(Pods(1, ns: "other")[0]), nodes[0]);
        plugin.AddPod(state, pod, Make.Info(Pods(1, app: "db")[0]), nodes[0]);

        Assert.True(plugin.Filter(state, pod, nodes[0]).IsSuccess);
    }
}
