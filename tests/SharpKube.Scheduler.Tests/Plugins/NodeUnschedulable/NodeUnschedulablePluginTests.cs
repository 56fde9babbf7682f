using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeUnschedulable;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.NodeUnschedulable;

public sealed class NodeUnschedulablePluginTests
{
    private static Status Filter(bool unschedulable, params k8s.Models.V1Toleration[] tolerations) =>
        new NodeUnschedulablePlugin().Filter(new CycleState(), Make.Info(Make.Pod("p", tolerations: tolerations)),
            Make.NodeInfo(Make.Node("n", unschedulable: unschedulable)));

    [Fact]
    public void ACordonedNode_RejectsPods_AsUnresolvable()
    {
        var status = Filter(unschedulable: true);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("node(s) were unschedulable", status.Message);
        Assert.True(Filter(unschedulable: false).IsSuccess);
    }

    [Fact]
    public void APodToleratingTheUnschedulableTaint_MayGoToACordonedNode()
    {
        Assert.True(Filter(true, Make.Toleration("node.kubernetes.io/unschedulable", effect: "NoSchedule", op: "Exists")).IsSuccess);
        Assert.True(Filter(true, Make.Toleration(null, op: "Exists")).IsSuccess);
        Assert.False(Filter(true, Make.Toleration("node.kubernetes.io/unschedulable", effect: "NoExecute", op: "Exists")).IsSuccess);
    }
}
