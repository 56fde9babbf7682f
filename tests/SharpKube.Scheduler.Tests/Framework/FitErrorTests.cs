using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Framework;

public sealed class FitErrorTests
{
    private static readonly PodInfo Pod = Make.Info(Make.Pod("p"));

    [Fact]
    public void Message_CountsEachReasonOverNodes_SortedAsStrings_WithUpstreamWording()
    {
        var diagnosis = new Diagnosis();
        diagnosis.NodeStatuses["a"] = Status.Unschedulable("NodeResourcesFit", "Insufficient cpu");
        diagnosis.NodeStatuses["b"] = Status.Unschedulable("NodeResourcesFit", "Insufficient cpu", "Insufficient memory");
        diagnosis.NodeStatuses["c"] = Status.Unschedulable("NodeResourcesFit", "Insufficient cpu");
        diagnosis.NodeStatuses["d"] = Status.Unresolvable("TaintToleration", "node(s) had untolerated taint {dedicated: gpu}");
        diagnosis.NodeStatuses["e"] = Status.Unresolvable("TaintToleration", "node(s) had untolerated taint {dedicated: gpu}");

        var message = new FitError(Pod, 5, diagnosis).Message;

        Assert.Equal("0/5 nodes are available: 1 Insufficient memory, 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu.", message);
    }

    [Fact]
    public void Message_SortsCountsAsStrings_SoTenComesBeforeTwo_AsUpstream()
    {
        var diagnosis = new Diagnosis();
        for (var i = 0; i < 10; i++)
        {
            diagnosis.NodeStatuses["cpu" + i] = Status.Unschedulable("NodeResourcesFit", "Insufficient cpu");
        }
        diagnosis.NodeStatuses["x"] = Status.Unresolvable("NodeUnschedulable", "node(s) were unschedulable");
        diagnosis.NodeStatuses["y"] = Status.Unresolvable("NodeUnschedulable", "node(s) were unschedulable");

        Assert.Equal("0/12 nodes are available: 10 Insufficient cpu, 2 node(s) were unschedulable.", new FitError(Pod, 12, diagnosis).Message);
    }

    [Fact]
    public void Message_WithAPreFilterRejection_ShowsItOnce_NotPerNode()
    {
        var diagnosis = new Diagnosis { PreFilterMessage = "waiting for something", AbsentNodesStatus = Status.Unschedulable("X", "waiting for something") };

        Assert.Equal("0/3 nodes are available: waiting for something.", new FitError(Pod, 3, diagnosis).Message);
    }

    [Fact]
    public void Message_CountsNodesRuledOutBeforeFilter_WithTheAbsentNodesStatus()
    {
        var diagnosis = new Diagnosis { AbsentNodesStatus = Status.Unresolvable(null, "node(s) didn't satisfy plugin(s) [NodeAffinity]") };
        diagnosis.NodeStatuses["a"] = Status.Unschedulable("NodeResourcesFit", "Insufficient cpu");

        Assert.Equal("0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].",
            new FitError(Pod, 4, diagnosis).Message);
    }

    [Fact]
    public void Message_AppendsThePostFilterMessage_OnlyWhenAPostFilterPluginRan()
    {
        var diagnosis = new Diagnosis();
        diagnosis.NodeStatuses["a"] = Status.Unschedulable("NodeResourcesFit", "Insufficient cpu");
        var error = new FitError(Pod, 1, diagnosis);
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu.", error.Message);

        diagnosis.PostFilterMessage = "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";

        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
            error.Message);
    }
}
