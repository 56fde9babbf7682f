using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeName;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.NodeName;

public sealed class NodeNamePluginTests
{
    [Fact]
    public void APodNamingANode_FitsOnlyThatNode()
    {
        var plugin = new NodeNamePlugin();
        var pod = Make.Info(Make.Pod("p", nodeName: "wanted"));

        Assert.True(plugin.Filter(new CycleState(), pod, Make.NodeInfo(Make.Node("wanted"))).IsSuccess);
        var status = plugin.Filter(new CycleState(), pod, Make.NodeInfo(Make.Node("other")));
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("node(s) didn't match the requested node name", status.Message);
        Assert.True(plugin.Filter(new CycleState(), Make.Info(Make.Pod("any")), Make.NodeInfo(Make.Node("other"))).IsSuccess);
    }
}
