using System.Text.Json.Nodes;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeResourcesBalancedAllocation;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.NodeResourcesBalancedAllocation;

public sealed class NodeResourcesBalancedAllocationArgsTests
{
    private static NodeResourcesBalancedAllocationArgs Parse(string json) => NodeResourcesBalancedAllocationArgs.Parse((JsonObject)JsonNode.Parse(json)!);

    [Fact]
    public void Defaults_AreCpuAndMemoryWithWeightOne()
    {
        Assert.Equal([("cpu", 1L), ("memory", 1L)], NodeResourcesBalancedAllocationArgs.Parse(null).Resources.Select(r => (r.Name, r.Weight)));
        Assert.Equal(2, Parse("""{"resources": []}""").Resources.Count);
    }

    [Fact]
    public void AMissingOrZeroWeight_DefaultsToOne()
    {
        Assert.All(Parse("""{"resources": [{"name": "cpu"}, {"name": "ephemeral-storage", "weight": 0}]}""").Resources, r => Assert.Equal(1, r.Weight));
    }

    [Theory]
    [InlineData("""{"resources": [{"name": "cpu", "weight": 2}]}""", "resources[0].weight: Invalid value: 2: must be 1")]
    [InlineData("""{"resources": [{"name": "cpu"}, {"name": "cpu"}]}""", "resources[1].name: Duplicate value: \"cpu\"")]
    public void BadResources_AreRefused_WithUpstreamsWording(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => Parse(json)).Message);
    }

    [Fact]
    public void ThreeResources_ScoreByTheirStandardDeviation()
    {
        var plugin = new NodeResourcesBalancedAllocationPlugin(Parse("""{"resources": [{"name": "cpu"}, {"name": "memory"}, {"name": "example.com/gpu"}]}"""));
        var node = Make.NodeInfo(Make.Node("n", cpu: "4", memory: "8Gi", extended: new Dictionary<string, string> { ["example.com/gpu"] = "4" }));
        var pod = Make.Info(Make.Pod("p", cpu: "1", memory: "2Gi", extended: new Dictionary<string, string> { ["example.com/gpu"] = "4" }));

        Assert.True(plugin.Score(new CycleState(), pod, node, out var score).IsSuccess);

        // Fractions 0.25, 0.25, 1: mean 0.5, std = sqrt((0.0625 + 0.0625 + 0.25) / 3) ≈ 0.3536, score = int(64.64) = 64.
        Assert.Equal(64, score);
    }

    [Fact]
    public void AnExtendedResourceThePodDoesNotAskFor_DoesNotCount()
    {
        var plugin = new NodeResourcesBalancedAllocationPlugin(Parse("""{"resources": [{"name": "cpu"}, {"name": "memory"}, {"name": "example.com/gpu"}]}"""));
        var node = Make.NodeInfo(Make.Node("n", cpu: "4", memory: "8Gi", extended: new Dictionary<string, string> { ["example.com/gpu"] = "4" }));

        plugin.Score(new CycleState(), Make.Info(Make.Pod("p", cpu: "1", memory: "2Gi")), node, out var score);

        Assert.Equal(100, score);
    }
}
