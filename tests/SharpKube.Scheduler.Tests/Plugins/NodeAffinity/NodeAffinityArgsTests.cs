using System.Text.Json.Nodes;
using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeAffinity;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.NodeAffinity;

public sealed class NodeAffinityArgsTests
{
    private static NodeAffinityPlugin Plugin(string addedAffinityJson) =>
        new(NodeAffinityArgs.Parse(new JsonObject { ["addedAffinity"] = JsonNode.Parse(addedAffinityJson) }));

    private static NodeInfo Node(string name, params (string Key, string Value)[] labels) =>
        Make.NodeInfo(Make.Node(name, labels: labels.ToDictionary(l => l.Key, l => l.Value)));

    [Fact]
    public void AddedRequiredAffinity_AppliesToPodsWithoutAnyAffinity_WithTheEnforcedReason()
    {
        var plugin = Plugin("""{"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "pool", "operator": "In", "values": ["batch"]}]}]}}""");
        var pod = Make.Info(Make.Pod("p"));
        var state = new CycleState();

        Assert.True(plugin.PreFilter(state, pod, [], out _).IsSuccess);
        Assert.True(plugin.Filter(state, pod, Node("batch", ("pool", "batch"))).IsSuccess);
        var status = plugin.Filter(state, pod, Node("web", ("pool", "web")));
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("node(s) didn't match scheduler-enforced node affinity", status.Message);
    }

    [Fact]
    public void AddedRequiredAffinity_IsAndedWithThePodsOwn()
    {
        var plugin = Plugin("""{"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "pool", "operator": "Exists"}]}]}}""");
        var raw = Make.Pod("p");
        raw.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" };
        var pod = Make.Info(raw);
        var state = new CycleState();
        plugin.PreFilter(state, pod, [], out _);

        Assert.True(plugin.Filter(state, pod, Node("both", ("pool", "a"), ("disk", "ssd"))).IsSuccess);
        Assert.Equal(NodeAffinityPlugin.ErrReasonPod, plugin.Filter(state, pod, Node("pool-only", ("pool", "a"))).Message);
        Assert.Equal(NodeAffinityPlugin.ErrReasonEnforced, plugin.Filter(state, pod, Node("disk-only", ("disk", "ssd"))).Message);
    }

    [Fact]
    public void AddedPreferredTerms_ScoreEveryPod_OnTopOfItsOwn()
    {
        var plugin = Plugin("""{"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 5, "preference": {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]}}]}""");
        var raw = Make.Pod("p");
        raw.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PreferredSchedulingTerm
                    {
                        Weight = 2,
                        Preference = new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "fast", OperatorProperty = "Exists" }] },
                    },
                ],
            },
        };
        var plain = Make.Info(Make.Pod("plain"));
        var state = new CycleState();

        Assert.True(plugin.PreScore(state, plain, []).IsSuccess);
        plugin.Score(state, plain, Node("za", ("zone", "a")), out var plainScore);
        Assert.Equal(5, plainScore);

        var pod = Make.Info(raw);
        var podState = new CycleState();
        plugin.PreScore(podState, pod, []);
        plugin.Score(podState, pod, Node("za-fast", ("zone", "a"), ("fast", "yes")), out var both);
        Assert.Equal(7, both);
    }

    [Fact]
    public void WithoutAddedAffinity_APodWithNoAffinity_IsSkipped()
    {
        var plugin = new NodeAffinityPlugin(NodeAffinityArgs.Parse(null));

        Assert.True(plugin.PreFilter(new CycleState(), Make.Info(Make.Pod("p")), [], out _).IsSkip);
        Assert.True(plugin.PreScore(new CycleState(), Make.Info(Make.Pod("p")), []).IsSkip);
    }

    [Fact]
    public void AnAddedTermThatDoesNotParse_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => Plugin(
            """{"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "pool", "operator": "Near", "values": ["x"]}]}]}}"""));

        Assert.StartsWith("addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]: ", error.Message, StringComparison.Ordinal);
    }
}
