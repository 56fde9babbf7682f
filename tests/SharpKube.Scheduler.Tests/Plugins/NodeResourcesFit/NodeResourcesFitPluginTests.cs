using System.Text.Json.Nodes;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeResourcesFit;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.NodeResourcesFit;

public sealed class NodeResourcesFitPluginTests
{
    private readonly NodeResourcesFitPlugin _plugin = new();

    private Status Filter(k8s.Models.V1Pod pod, NodeInfo node) => _plugin.Filter(new CycleState(), Make.Info(pod), node);

    [Fact]
    public void Filter_ReportsEveryResourceThatDoesNotFit_WithUpstreamsReasons()
    {
        var node = Make.NodeInfo(Make.Node("n", cpu: "2", memory: "4Gi"), Make.Pod("existing", cpu: "1500m", memory: "3Gi"));

        var status = Filter(Make.Pod("p", cpu: "1", memory: "2Gi"), node);

        Assert.Equal(StatusCode.Unschedulable, status.Code);
        Assert.Equal(["Insufficient cpu", "Insufficient memory"], status.Reasons);
        Assert.True(Filter(Make.Pod("small", cpu: "500m", memory: "1Gi"), node).IsSuccess);
    }

    [Fact]
    public void Filter_ARequestLargerThanTheWholeNode_IsUnresolvable()
    {
        var status = Filter(Make.Pod("huge", cpu: "8"), Make.NodeInfo(Make.Node("n", cpu: "2")));

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("Insufficient cpu", status.Message);
    }

    [Fact]
    public void Filter_CountsPods_EvenForPodsThatRequestNothing()
    {
        var node = Make.NodeInfo(Make.Node("n", pods: 1), Make.Pod("existing"));

        var status = Filter(Make.Pod("p"), node);

        Assert.Equal(StatusCode.Unschedulable, status.Code);
        Assert.Equal("Too many pods", status.Message);
    }

    [Fact]
    public void Filter_ChecksExtendedResources_UnlessIgnored()
    {
        var gpu = new Dictionary<string, string> { ["example.com/gpu"] = "2" };
        var node = Make.NodeInfo(Make.Node("n", extended: new Dictionary<string, string> { ["example.com/gpu"] = "1" }));

        Assert.Equal("Insufficient example.com/gpu", Filter(Make.Pod("p", extended: gpu), node).Message);
        var ignoring = new NodeResourcesFitPlugin(NodeResourcesFitArgs.Parse(JsonNode.Parse("""{"ignoredResourceGroups":["example.com"]}""")!.AsObject()));
        Assert.True(ignoring.Filter(new CycleState(), Make.Info(Make.Pod("p", extended: gpu)), node).IsSuccess);
    }

    [Fact]
    public void Score_LeastAllocated_FavoursTheEmptierNode_CountingRequestlessPodsAtTheDefaults()
    {
        var empty = Make.NodeInfo(Make.Node("empty", cpu: "4", memory: "8Gi"));
        var busy = Make.NodeInfo(Make.Node("busy", cpu: "4", memory: "8Gi"), Make.Pod("a"), Make.Pod("b"));
        var pod = Make.Info(Make.Pod("p", cpu: "1", memory: "2Gi"));

        _plugin.Score(new CycleState(), pod, empty, out var emptyScore);
        _plugin.Score(new CycleState(), pod, busy, out var busyScore);

        // empty: cpu (4000-1000)/4000 = 75, memory (8-2)/8 = 75. busy: two pods at 100m/200Mi each on top.
        Assert.Equal(75, emptyScore);
        Assert.Equal((((4000 - 1200) * 100 / 4000) + ((8192L - 2048 - 400) * 100 / 8192)) / 2, busyScore);
        Assert.True(emptyScore > busyScore);
    }

    [Fact]
    public void Score_MostAllocated_FavoursTheFullerNode()
    {
        var plugin = new NodeResourcesFitPlugin(NodeResourcesFitArgs.Parse(JsonNode.Parse("""{"scoringStrategy":{"type":"MostAllocated"}}""")!.AsObject()));
        var empty = Make.NodeInfo(Make.Node("empty", cpu: "4", memory: "8Gi"));
        var busy = Make.NodeInfo(Make.Node("busy", cpu: "4", memory: "8Gi"), Make.Pod("a", cpu: "2", memory: "4Gi"));
        var pod = Make.Info(Make.Pod("p", cpu: "1", memory: "2Gi"));

        plugin.Score(new CycleState(), pod, empty, out var emptyScore);
        plugin.Score(new CycleState(), pod, busy, out var busyScore);

        Assert.Equal(25, emptyScore);
        Assert.Equal(75, busyScore);
    }
}
