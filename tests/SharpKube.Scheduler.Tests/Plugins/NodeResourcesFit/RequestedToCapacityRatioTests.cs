using System.Text.Json.Nodes;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeResourcesFit;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.NodeResourcesFit;

public sealed class RequestedToCapacityRatioTests
{
    private static NodeResourcesFitArgs Args(string shape) => NodeResourcesFitArgs.Parse(JsonNode.Parse(
        """{"scoringStrategy":{"type":"RequestedToCapacityRatio","resources":[{"name":"cpu","weight":1}],"requestedToCapacityRatio":{"shape":"""
        + shape + "}}}")!.AsObject());

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 25)]
    [InlineData("2", 50)]
    [InlineData("3", 75)]
    [InlineData("4", 100)]
    public void Score_FollowsTheShape_ScaledToOneHundred(string cpuRequested, long expected)
    {
        // A bin-packing curve: 0 at empty, 10 (× 10) at full.
        var plugin = new NodeResourcesFitPlugin(Args("""[{"utilization":0,"score":0},{"utilization":100,"score":10}]"""));
        var node = cpuRequested == "0"
            ? Make.NodeInfo(Make.Node("n", cpu: "4"))
            : Make.NodeInfo(Make.Node("n", cpu: "4"), Make.Pod("a", cpu: cpuRequested));
        // The pod asks for 1m: the node's share decides (4 cpu requested and the pod's 1m are over capacity: 100 %).
        var pod = Make.Info(Make.Pod("p", cpu: "1m"));

        plugin.Score(new CycleState(), pod, node, out var score);

        Assert.Equal(expected, score);
    }

    [Fact]
    public void Score_IsFlatBeforeTheFirstPointAndAfterTheLast_AndInterpolatesBetween()
    {
        UtilizationShapePoint[] shape = [new(20, 10), new(60, 2)];

        Assert.Equal(100, RequestedToCapacityRatioScorer.Score(1, 100, shape));
        Assert.Equal(60, RequestedToCapacityRatioScorer.Score(40, 100, shape));
        Assert.Equal(20, RequestedToCapacityRatioScorer.Score(90, 100, shape));
        Assert.Equal(20, RequestedToCapacityRatioScorer.Score(200, 100, shape));
    }

    [Theory]
    [InlineData("[]", "shape: Required value: at least one point must be specified")]
    [InlineData("""[{"utilization":101,"score":1}]""", "shape[0].utilization: Invalid value: 101: not in valid range [0, 100]")]
    [InlineData("""[{"utilization":10,"score":11}]""", "shape[0].score: Invalid value: 11: not in valid range [0, 10]")]
    [InlineData("""[{"utilization":50,"score":1},{"utilization":50,"score":2}]""", "utilization values must be sorted in increasing order")]
    public void ABadShape_IsRejected(string shape, string message)
    {
        var error = Assert.Throws<FormatException>(() => Args(shape));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
