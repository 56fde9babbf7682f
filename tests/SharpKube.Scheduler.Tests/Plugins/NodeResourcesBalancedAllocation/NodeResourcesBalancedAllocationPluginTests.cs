using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeResourcesBalancedAllocation;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.NodeResourcesBalancedAllocation;

public sealed class NodeResourcesBalancedAllocationPluginTests
{
    private readonly NodeResourcesBalancedAllocationPlugin _plugin = new();

    private long Score(k8s.Models.V1Pod pod, NodeInfo node)
    {
        Assert.True(_plugin.Score(new CycleState(), Make.Info(pod), node, out var score).IsSuccess);
        return score;
    }

    [Fact]
    public void Score_IsOneMinusTheStandardDeviationOfTheFractions_TimesOneHundred()
    {
        var node = Make.NodeInfo(Make.Node("n", cpu: "4", memory: "8Gi"));

        // cpu 1000/4000 = 0.25, memory 1Gi/8Gi = 0.125: std = 0.0625, score = int(93.75) = 93.
        Assert.Equal(93, Score(Make.Pod("p", cpu: "1", memory: "1Gi"), node));
    }

    [Fact]
    public void Score_CountsThePodsAlreadyOnTheNode_AndGivesAPerfectBalanceOneHundred()
    {
        var node = Make.NodeInfo(Make.Node("n", cpu: "4", memory: "8Gi"), Make.Pod("on", cpu: "1", memory: "3Gi"));

        // cpu (1000 + 1000)/4000 = 0.5, memory (3Gi + 1Gi)/8Gi = 0.5.
        Assert.Equal(100, Score(Make.Pod("p", cpu: "1", memory: "1Gi"), node));
    }

    [Fact]
    public void Score_CountsRequestlessContainersAtTheNonZeroDefaults()
    {
        var node = Make.NodeInfo(Make.Node("n", cpu: "4", memory: "8Gi"));

        // cpu 100/4000 = 0.025, memory 200Mi/8192Mi = 0.0244140625: std = 0.00029296875, score = int(99.97) = 99.
        Assert.Equal(99, Score(Make.Pod("p"), node));
        // cpu 2000/4000 = 0.5, memory 200Mi/8192Mi: std = 0.23779296875, score = int(76.22) = 76.
        Assert.Equal(76, Score(Make.Pod("p", cpu: "2"), node));
    }

    [Fact]
    public void Score_CapsAFractionOverAllocatableAtOne()
    {
        var node = Make.NodeInfo(Make.Node("n", cpu: "4", memory: "8Gi"), Make.Pod("on", cpu: "3", memory: "1Gi"));

        // cpu 5000/4000 capped at 1, memory 2Gi/8Gi = 0.25: std = 0.375, score = int(62.5) = 62.
        Assert.Equal(62, Score(Make.Pod("p", cpu: "2", memory: "1Gi"), node));
    }

    [Fact]
    public void Score_IgnoresAResourceTheNodeHasNoneOf()
    {
        var node = Make.NodeInfo(Make.Node("n", cpu: "4", memory: "0"));
        Assert.Equal(100, Score(Make.Pod("p", cpu: "3", memory: "1Gi"), node));
    }
}
