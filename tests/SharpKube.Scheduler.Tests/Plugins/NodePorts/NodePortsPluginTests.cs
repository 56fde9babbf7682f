using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodePorts;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.NodePorts;

public sealed class NodePortsPluginTests
{
    private readonly NodePortsPlugin _plugin = new();

    [Fact]
    public void Filter_RejectsANodeWhereTheHostPortIsTaken()
    {
        var node = Make.NodeInfo(Make.Node("n"), Make.Pod("web", hostPorts: [80]));

        var status = _plugin.Filter(new CycleState(), Make.Info(Make.Pod("p", hostPorts: [80])), node);

        Assert.Equal(StatusCode.Unschedulable, status.Code);
        Assert.Equal("node(s) didn't have free ports for the requested pod ports", status.Message);
        Assert.True(_plugin.Filter(new CycleState(), Make.Info(Make.Pod("q", hostPorts: [8080])), node).IsSuccess);
    }

    [Fact]
    public void Ports_ConflictOnTheSameProtocolAndPort_WhenEitherAddressIsAll()
    {
        var any = HostPort.Create(null, null, 80);
        Assert.True(any.ConflictsWith(HostPort.Create("10.0.0.1", "TCP", 80)));
        Assert.False(any.ConflictsWith(HostPort.Create(null, "UDP", 80)));
        Assert.False(HostPort.Create("10.0.0.1", null, 80).ConflictsWith(HostPort.Create("10.0.0.2", null, 80)));
    }

    [Fact]
    public void PreFilter_SkipsTheFilter_ForAPodWithoutHostPorts()
    {
        Assert.True(_plugin.PreFilter(new CycleState(), Make.Info(Make.Pod("p")), [], out _).IsSkip);
        Assert.True(_plugin.PreFilter(new CycleState(), Make.Info(Make.Pod("p", hostPorts: [80])), [], out _).IsSuccess);
    }
}
