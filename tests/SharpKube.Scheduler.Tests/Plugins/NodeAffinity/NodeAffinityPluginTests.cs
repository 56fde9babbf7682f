using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeAffinity;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.NodeAffinity;

public sealed class NodeAffinityPluginTests
{
    private readonly NodeAffinityPlugin _plugin = new();

    private static V1NodeSelectorRequirement Req(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values };

    private static V1NodeSelectorTerm Term(params V1NodeSelectorRequirement[] expressions) => new() { MatchExpressions = expressions };

    private static V1PreferredSchedulingTerm Preferred(V1NodeSelectorTerm term, int weight) => new() { Preference = term, Weight = weight };

    private static V1NodeSelectorTerm FieldTerm(params V1NodeSelectorRequirement[] fields) => new() { MatchFields = fields };

    private static V1Pod Pod(IDictionary<string, string>? nodeSelector = null, IList<V1NodeSelectorTerm>? required = null,
        IList<V1PreferredSchedulingTerm>? preferred = null)
    {
        var pod = Make.Pod("p");
        pod.Spec.NodeSelector = nodeSelector;
        if (required is not null || preferred is not null)
        {
            pod.Spec.Affinity = new V1Affinity
            {
                NodeAffinity = new V1NodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = required is null ? null : new V1NodeSelector { NodeSelectorTerms = required },
                    PreferredDuringSchedulingIgnoredDuringExecution = preferred,
                },
            };
        }
        return pod;
    }

    private static NodeInfo Node(string name, params (string Key, string Value)[] labels) =>
        Make.NodeInfo(Make.Node(name, labels: labels.ToDictionary(l => l.Key, l => l.Value)));

    /// <summary>PreFilter then Filter, as a cycle runs them.</summary>
    private Status Fits(V1Pod pod, NodeInfo node)
    {
        var state = new CycleState();
        var info = Make.Info(pod);
        var pre = _plugin.PreFilter(state, info, [node], out var result);
        if (pre.IsSkip)
        {
            return Status.Success;
        }
        if (!pre.IsSuccess)
        {
            return pre;
        }
        if (result is not null && !result.NodeNames.Contains(node.Name))
        {
            return Status.Unresolvable(null, "not in PreFilterResult");
        }
        return _plugin.Filter(state, info, node);
    }

    [Fact]
    public void PreFilter_WithoutNodeSelectorOrRequiredAffinity_Skips()
    {
        var status = _plugin.PreFilter(new CycleState(), Make.Info(Pod(preferred: [Preferred(Term(Req("a", "Exists")), 1)])), [], out var result);
        Assert.True(status.IsSkip);
        Assert.Null(result);
    }

    [Fact]
    public void Filter_RejectsANodeWithoutTheNodeSelectorLabels_WithUpstreamsUnresolvableReason()
    {
        var pod = Pod(nodeSelector: new Dictionary<string, string> { ["disk"] = "ssd", ["zone"] = "a" });

        Assert.True(Fits(pod, Node("n", ("disk", "ssd"), ("zone", "a"), ("extra", "x"))).IsSuccess);
        var status = Fits(pod, Node("n", ("disk", "ssd"), ("zone", "b")));
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("node(s) didn't match Pod's node affinity/selector", status.Message);
        Assert.Equal(NodeAffinityPlugin.PluginName, status.Plugin);
        Assert.False(Fits(pod, Node("n", ("disk", "ssd"))).IsSuccess);
    }

    [Theory]
    [InlineData("In", new[] { "a", "b" }, "b", true)]
    [InlineData("In", new[] { "a", "b" }, "c", false)]
    [InlineData("In", new[] { "a" }, null, false)]
    [InlineData("NotIn", new[] { "a", "b" }, "c", true)]
    [InlineData("NotIn", new[] { "a", "b" }, "a", false)]
    [InlineData("NotIn", new[] { "a" }, null, true)]
    [InlineData("Exists", new string[0], "anything", true)]
    [InlineData("Exists", new string[0], null, false)]
    [InlineData("DoesNotExist", new string[0], null, true)]
    [InlineData("DoesNotExist", new string[0], "x", false)]
    [InlineData("Gt", new[] { "5" }, "6", true)]
    [InlineData("Gt", new[] { "5" }, "5", false)]
    [InlineData("Gt", new[] { "5" }, "not-a-number", false)]
    [InlineData("Gt", new[] { "5" }, null, false)]
    [InlineData("Lt", new[] { "5" }, "-3", true)]
    [InlineData("Lt", new[] { "5" }, "5", false)]
    public void Filter_MatchesEachOperatorAsUpstream(string op, string[] values, string? label, bool fits)
    {
        var pod = Pod(required: [Term(Req("k", op, values))]);
        var node = label is null ? Node("n", ("other", "x")) : Node("n", ("k", label));
        Assert.Equal(fits, Fits(pod, node).IsSuccess);
    }

    [Theory]
    [InlineData("Gt", "five")]
    [InlineData("Lt", "")]
    [InlineData("Near", "5")]
    public void Filter_AMalformedRequirementMatchesNoNode_InsteadOfThrowing(string op, string value)
    {
        var pod = Pod(required: [Term(Req("k", op, value))]);
        var status = Fits(pod, Node("n", ("k", "10")));
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal(NodeAffinityPlugin.ErrReasonPod, status.Message);
    }

    [Fact]
    public void Filter_AMalformedTermDoesNotSpoilAnotherTermThatMatches()
    {
        var pod = Pod(required: [Term(Req("k", "Gt", "x")), Term(Req("zone", "In", "a"))]);
        Assert.True(Fits(pod, Node("n", ("zone", "a"))).IsSuccess);
        Assert.False(Fits(pod, Node("n", ("zone", "b"))).IsSuccess);
    }

    [Fact]
    public void Filter_TermsAreOred_AndExpressionsWithinATermAnded()
    {
        var pod = Pod(required:
        [
            Term(Req("zone", "In", "a"), Req("disk", "In", "ssd")),
            Term(Req("gpu", "Exists")),
        ]);

        Assert.True(Fits(pod, Node("n", ("zone", "a"), ("disk", "ssd"))).IsSuccess);
        Assert.False(Fits(pod, Node("n", ("zone", "a"), ("disk", "hdd"))).IsSuccess);
        Assert.True(Fits(pod, Node("n", ("zone", "b"), ("gpu", "1"))).IsSuccess);
        Assert.False(Fits(pod, Node("n", ("zone", "b"))).IsSuccess);
    }

    [Fact]
    public void Filter_RequiresBothTheNodeSelectorAndTheAffinity()
    {
        var pod = Pod(nodeSelector: new Dictionary<string, string> { ["disk"] = "ssd" }, required: [Term(Req("zone", "In", "a"))]);

        Assert.True(Fits(pod, Node("n", ("disk", "ssd"), ("zone", "a"))).IsSuccess);
        Assert.False(Fits(pod, Node("n", ("disk", "ssd"), ("zone", "b"))).IsSuccess);
        Assert.False(Fits(pod, Node("n", ("disk", "hdd"), ("zone", "a"))).IsSuccess);
    }

    [Fact]
    public void Filter_AnEmptyTermOrNoTermsMatchNoNode()
    {
        Assert.False(Fits(Pod(required: [new V1NodeSelectorTerm()]), Node("n", ("a", "b"))).IsSuccess);
        Assert.False(Fits(Pod(required: []), Node("n", ("a", "b"))).IsSuccess);
    }

    [Fact]
    public void Filter_MatchFieldsOnMetadataName()
    {
        var inPod = Pod(required: [FieldTerm(Req("metadata.name", "In", "n1"))]);
        Assert.True(Fits(inPod, Node("n1")).IsSuccess);
        Assert.False(Fits(inPod, Node("n2")).IsSuccess);

        var notInPod = Pod(required: [FieldTerm(Req("metadata.name", "NotIn", "n1"))]);
        Assert.False(Fits(notInPod, Node("n1")).IsSuccess);
        Assert.True(Fits(notInPod, Node("n2")).IsSuccess);

        // Field selectors take exactly one value, and only In or NotIn.
        Assert.False(Fits(Pod(required: [FieldTerm(Req("metadata.name", "In", "n1", "n2"))]), Node("n1")).IsSuccess);
        Assert.False(Fits(Pod(required: [FieldTerm(Req("metadata.name", "Exists"))]), Node("n1")).IsSuccess);
    }

    [Fact]
    public void PreFilter_NarrowsToTheNamedNodes_WhenEveryTermNamesNodes()
    {
        var pod = Make.Info(Pod(required:
        [
            FieldTerm(Req("metadata.name", "In", "n1")),
            new V1NodeSelectorTerm { MatchFields = [Req("metadata.name", "In", "n2")], MatchExpressions = [Req("zone", "Exists")] },
        ]));

        Assert.True(_plugin.PreFilter(new CycleState(), pod, [], out var result).IsSuccess);

        Assert.NotNull(result);
        Assert.Equal(["n1", "n2"], result.NodeNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PreFilter_DoesNotNarrow_WhenATermNamesNoNode()
    {
        var pod = Make.Info(Pod(required: [FieldTerm(Req("metadata.name", "In", "n1")), Term(Req("zone", "Exists"))]));
        Assert.True(_plugin.PreFilter(new CycleState(), pod, [], out var result).IsSuccess);
        Assert.Null(result);
    }

    [Fact]
    public void PreFilter_RejectsTermsWhoseNameFieldsConflict()
    {
        var pod = Make.Info(Pod(required: [FieldTerm(Req("metadata.name", "In", "n1"), Req("metadata.name", "In", "n2"))]));

        var status = _plugin.PreFilter(new CycleState(), pod, [], out _);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("pod affinity terms conflict", status.Message);
    }

    [Fact]
    public void Filter_WithoutPreFilter_WorksTheAffinityOutItself()
    {
        var pod = Make.Info(Pod(nodeSelector: new Dictionary<string, string> { ["disk"] = "ssd" }));
        Assert.True(_plugin.Filter(new CycleState(), pod, Node("n", ("disk", "ssd"))).IsSuccess);
        Assert.False(_plugin.Filter(new CycleState(), pod, Node("n", ("disk", "hdd"))).IsSuccess);
    }

    [Fact]
    public void Score_SumsTheWeightsOfMatchingPreferredTerms_NormalizedToTheBest()
    {
        var pod = Make.Info(Pod(preferred:
        [
            Preferred(Term(Req("zone", "In", "a")), 20),
            Preferred(Term(Req("disk", "In", "ssd")), 60),
            Preferred(Term(Req("ignored", "Exists")), 0),
            Preferred(Term(Req("bad", "Gt", "x")), 50),
        ]));
        var nodes = new[]
        {
            Node("none", ("ignored", "y"), ("bad", "10")),
            Node("zone", ("zone", "a")),
            Node("disk", ("disk", "ssd")),
            Node("both", ("zone", "a"), ("disk", "ssd")),
        };
        var state = new CycleState();
        Assert.True(_plugin.PreScore(state, pod, nodes).IsSuccess);

        var scores = nodes.Select(n =>
        {
            Assert.True(_plugin.Score(state, pod, n, out var score).IsSuccess);
            return new NodeScore(n, score);
        }).ToArray();
        Assert.Equal([0, 20, 60, 80], scores.Select(s => s.Score));

        _plugin.NormalizeScore(state, pod, scores);
        // 100 × score / 80, integer division as upstream's DefaultNormalizeScore.
        Assert.Equal([0, 25, 75, 100], scores.Select(s => s.Score));
    }

    [Fact]
    public void PreScore_WithoutPreferredTerms_Skips()
    {
        Assert.True(_plugin.PreScore(new CycleState(), Make.Info(Pod(required: [Term(Req("a", "Exists"))])), []).IsSkip);
    }

    [Fact]
    public void RegistersNodeAddAndNodeLabelChanges()
    {
        var events = _plugin.EventsToRegister();
        Assert.Contains(events, e => new ClusterEvent(EventResource.Node, ActionType.UpdateNodeLabel).Matches(e));
        Assert.Contains(events, e => ClusterEvent.NodeAdd.Matches(e));
        Assert.DoesNotContain(events, e => new ClusterEvent(EventResource.Node, ActionType.UpdateNodeTaint).Matches(e));
    }
}
