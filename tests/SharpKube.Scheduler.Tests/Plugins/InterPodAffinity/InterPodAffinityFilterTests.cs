using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.InterPodAffinity;
using SharpKube.Scheduler.Tests.Fixtures;
using static SharpKube.Scheduler.Tests.Plugins.InterPodAffinity.AffinityPods;

namespace SharpKube.Scheduler.Tests.Plugins.InterPodAffinity;

public sealed class InterPodAffinityFilterTests
{
    [Fact]
    public void PreFilter_ForAPodWithoutRequiredTermsInAClusterWithoutAntiAffinity_Skips()
    {
        var snapshot = Snapshot.Of([Node("n1", "zone-a", Pod("db", "app=db"))]);
        var pod = Pod("web", "app=web").PreferredAffinity(10, Term(Zone, "app", "db"));

        var status = Plugin(snapshot).PreFilter(new CycleState(), Make.Info(pod), snapshot.NodeInfos, out var result);

        Assert.True(status.IsSkip);
        Assert.Null(result);
    }

    [Fact]
    public void RequiredAffinity_AllowsOnlyNodesInTheZoneOfAMatchingPod()
    {
        var pod = Pod("web", "app=web").RequiredAffinity(Term(Zone, "app", "db"));

        var statuses = Filter(pod,
            Node("a1", "zone-a", Pod("db", "app=db")), Node("a2", "zone-a"), Node("b1", "zone-b", Pod("cache", "app=cache")), Node("c1", "zone-c"));

        Assert.Equal(["a1", "a2"], statuses.Fits());
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, statuses["b1"].Code);
        Assert.Equal("node(s) didn't match pod affinity rules", statuses["b1"].Message);
        Assert.Equal(InterPodAffinityPlugin.PluginName, statuses["b1"].Plugin);
    }

    [Fact]
    public void RequiredAffinity_RejectsANodeWithoutTheTopologyKey_EvenNextToTheMatchingPod()
    {
        var pod = Pod("web", "app=web").RequiredAffinity(Term(Zone, "app", "db"));

        var statuses = Filter(pod, Node("zoned", "zone-a"), Node("unzoned", null, Pod("db", "app=db")));

        Assert.Empty(statuses.Fits());
        Assert.Equal("node(s) didn't match pod affinity rules", statuses["unzoned"].Message);
    }

    [Fact]
    public void RequiredAffinity_ThatMatchesNoPodAnywhere_LetsTheFirstPodOfAGroupGoWhereTheTopologyKeyExists()
    {
        var first = Pod("web-0", "app=web").RequiredAffinity(Term(Zone, "app", "web"));

        var statuses = Filter(first, Node("a1", "zone-a"), Node("b1", "zone-b", Pod("other", "app=other")), Node("bare", null));

        Assert.Equal(["a1", "b1"], statuses.Fits());
    }

    [Fact]
    public void RequiredAffinity_FirstPodRule_NeedsThePodToMatchItsOwnTerms()
    {
        var pod = Pod("web", "app=web").RequiredAffinity(Term(Zone, "app", "db"));

        Assert.Empty(Filter(pod, Node("a1", "zone-a"), Node("b1", "zone-b")).Fits());
    }

    [Fact]
    public void RequiredAffinity_WithSeveralTerms_CountsOnlyPodsMatchingAllOfThem()
    {
        var pod = Pod("web", "app=web").RequiredAffinity(Term(Zone, "app", "db"), Term(Hostname, "tier", "data"));

        var statuses = Filter(pod,
            Node("a1", "zone-a", Pod("db-only", "app=db")),
            Node("b1", "zone-b", Pod("db-data", "app=db", "tier=data")),
            Node("b2", "zone-b"));

        // b2 shares the zone but not the hostname with the pod that matches both terms.
        Assert.Equal(["b1"], statuses.Fits());
    }

    [Fact]
    public void RequiredAntiAffinity_RejectsNodesInDomainsHoldingASelectedPod_AsUnschedulable()
    {
        var pod = Pod("web-1", "app=web").RequiredAntiAffinity(Term(Zone, "app", "web"));

        var statuses = Filter(pod, Node("a1", "zone-a", Pod("web-0", "app=web")), Node("a2", "zone-a"), Node("b1", "zone-b"), Node("bare", null));

        Assert.Equal(["b1", "bare"], statuses.Fits());
        Assert.Equal(StatusCode.Unschedulable, statuses["a2"].Code);
        Assert.Equal("node(s) didn't match pod anti-affinity rules", statuses["a2"].Message);
    }

    [Fact]
    public void ExistingPodsRequiredAntiAffinity_KeepsASelectedPodOutOfTheirDomain()
    {
        var loner = Pod("loner", "app=loner").RequiredAntiAffinity(Term(Hostname, "app", "web"));
        var pod = Pod("web", "app=web");

        var statuses = Filter(pod, Node("n1", "zone-a", loner), Node("n2", "zone-a"));

        Assert.Equal(["n2"], statuses.Fits());
        Assert.Equal(StatusCode.Unschedulable, statuses["n1"].Code);
        Assert.Equal("node(s) didn't satisfy existing pods anti-affinity rules", statuses["n1"].Message);
    }

    [Fact]
    public void ExistingPodsRequiredAntiAffinity_IgnoresPodsItDoesNotSelect()
    {
        var loner = Pod("loner", "app=loner").RequiredAntiAffinity(Term(Hostname, "app", "web"));

        Assert.Equal(["n1", "n2"], Filter(Pod("db", "app=db"), Node("n1", "zone-a", loner), Node("n2", "zone-a")).Fits());
    }

    [Fact]
    public void ATermSelectsPodsOfItsOwnNamespace_UnlessItNamesNamespacesOrHasANamespaceSelector()
    {
        var nodes = new Func<NodeInfo[]>(() => [Node("a1", "zone-a", PodIn("other", "db", "app=db")), Node("b1", "zone-b")]);

        var ownNamespace = Pod("web", "app=web").RequiredAntiAffinity(Term(Zone, "app", "db"));
        Assert.Equal(["a1", "b1"], Filter(ownNamespace, nodes()).Fits());

        var named = Pod("web", "app=web").RequiredAntiAffinity(Term(Zone, "app", "db", namespaces: ["other"]));
        Assert.Equal(["b1"], Filter(named, nodes()).Fits());

        var all = Pod("web", "app=web").RequiredAntiAffinity(Term(Zone, "app", "db", namespaceSelector: new V1LabelSelector()));
        Assert.Equal(["b1"], Filter(all, nodes()).Fits());

        var byName = Pod("web", "app=web").RequiredAntiAffinity(Term(Zone, "app", "db",
            namespaceSelector: new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "other" } }));
        Assert.Equal(["b1"], Filter(byName, nodes()).Fits());

        var elsewhere = Pod("web", "app=web").RequiredAntiAffinity(Term(Zone, "app", "db",
            namespaceSelector: new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "third" } }));
        Assert.Equal(["a1", "b1"], Filter(elsewhere, nodes()).Fits());
    }

    [Fact]
    public void MatchLabelKeys_NarrowTheSelectorToPodsWithTheSameValue_AndMismatchLabelKeysToOthers()
    {
        var nodes = new Func<NodeInfo[]>(() => [Node("a1", "zone-a", Pod("web-v1", "app=web", "rev=1")), Node("b1", "zone-b", Pod("web-v2", "app=web", "rev=2"))]);

        var sameRev = Term(Zone, "app", "web");
        sameRev.MatchLabelKeys = ["rev"];
        Assert.Equal(["a1"], Filter(Pod("new", "app=web", "rev=2").RequiredAntiAffinity(sameRev), nodes()).Fits());

        var otherRev = Term(Zone, "app", "web");
        otherRev.MismatchLabelKeys = ["rev"];
        Assert.Equal(["b1"], Filter(Pod("new", "app=web", "rev=2").RequiredAntiAffinity(otherRev), nodes()).Fits());
    }

    [Fact]
    public void MatchExpressions_SelectAsLabelSelectorsDo()
    {
        var term = new V1PodAffinityTerm
        {
            TopologyKey = Zone,
            LabelSelector = new V1LabelSelector
            {
                MatchExpressions =
                [
                    new V1LabelSelectorRequirement { Key = "app", OperatorProperty = "In", Values = ["db", "cache"] },
                    new V1LabelSelectorRequirement { Key = "canary", OperatorProperty = "DoesNotExist" },
                ],
            },
        };
        var pod = Pod("web", "app=web").RequiredAffinity(term);

        var statuses = Filter(pod, Node("a1", "zone-a", Pod("db", "app=db", "canary=yes")), Node("b1", "zone-b", Pod("cache", "app=cache")));

        Assert.Equal(["b1"], statuses.Fits());
    }

    [Fact]
    public void PreFilter_RejectsAPodWhoseSelectorDoesNotParse_AsUnresolvable()
    {
        var term = new V1PodAffinityTerm
        {
            TopologyKey = Zone,
            LabelSelector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "app", OperatorProperty = "In" }] },
        };
        var snapshot = Snapshot.Of([Node("a1", "zone-a")]);

        var status = Plugin(snapshot).PreFilter(new CycleState(), Make.Info(Pod("web", "app=web").RequiredAffinity(term)), snapshot.NodeInfos, out _);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.StartsWith("parsing pod: ", status.Message);
    }

    [Fact]
    public void Filter_OnAFittingNode_AllocatesNothing()
    {
        var pod = Pod("web-1", "app=web").RequiredAffinity(Term(Zone, "tier", "front")).RequiredAntiAffinity(Term(Hostname, "app", "web"));
        var loner = Pod("loner", "app=loner").RequiredAntiAffinity(Term(Hostname, "app", "web"));
        var nodes = new[] { Node("a1", "zone-a", Pod("front", "tier=front"), loner), Node("a2", "zone-a", Pod("front-2", "tier=front")) };
        var snapshot = Snapshot.Of(nodes);
        var plugin = Plugin(snapshot);
        var state = new CycleState();
        var info = Make.Info(pod);
        Assert.True(plugin.PreFilter(state, info, snapshot.NodeInfos, out _).IsSuccess);
        Assert.True(plugin.Filter(state, info, nodes[1]).IsSuccess);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            plugin.Filter(state, info, nodes[1]);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.False(plugin.Filter(state, info, nodes[0]).IsSuccess);
    }

    [Fact]
    public void EventsToRegister_AssignedPodChangesAndNodeAddOrLabelChanges()
    {
        var events = Plugin(new Snapshot()).EventsToRegister();

        Assert.Contains(events, e => e.Resource == EventResource.Pod
            && e.Action == (ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete));
        Assert.Contains(events, e => e.Resource == EventResource.Node && e.Action == (ActionType.Add | ActionType.UpdateNodeLabel));
    }

    [Fact]
    public void ExistingPodsRequiredAntiAffinity_ForTheNextPodWithTheSameLabels_CountsWhatChangedSinceTheLastCycle()
    {
        var loner = Pod("loner", "app=loner").RequiredAntiAffinity(Term(Hostname, "app", "web"));
        NodeInfo[] nodes = [Node("n1", "zone-a", loner), Node("n2", "zone-a"), Node("n3", "zone-a")];
        var plugin = Plugin(Snapshot.Of(nodes));
        Assert.Equal(["n2", "n3"], FilterOver(plugin, Pod("web-0", "app=web"), nodes).Fits());

        // The loner moves from n1 to n3.
        nodes[0].RemovePod(nodes[0].Pods[0].Uid);
        nodes[2].AddPod(Make.Info(Pod("loner-2", "app=loner").RequiredAntiAffinity(Term(Hostname, "app", "web"))));

        Assert.Equal(["n1", "n2"], FilterOver(plugin, Pod("web-1", "app=web"), nodes).Fits());
        Assert.Equal(["n1", "n2", "n3"], FilterOver(plugin, Pod("db", "app=db"), nodes).Fits());
        Assert.Equal(["n1", "n2"], FilterOver(plugin, Pod("web-2", "app=web"), nodes).Fits());
        // A node no longer walked no longer counts; walked again, it counts again.
        Assert.Equal(["n1", "n2"], FilterOver(plugin, Pod("web-3", "app=web"), nodes[..2]).Fits());
        Assert.Equal(["n1", "n2"], FilterOver(plugin, Pod("web-4", "app=web"), nodes).Fits());
        Assert.Equal(["n1", "n2", "n3"], FilterOver(plugin, Pod("web-5", "app=web"), nodes[..2], filtered: nodes).Fits());
    }

    /// <summary>One cycle of <paramref name="plugin"/> (which keeps what it counted between cycles) over <paramref name="nodes"/>.</summary>
    private static Dictionary<string, Status> FilterOver(InterPodAffinityPlugin plugin, V1Pod pod, NodeInfo[] nodes, NodeInfo[]? filtered = null)
    {
        var state = new CycleState();
        var info = Make.Info(pod);
        var pre = plugin.PreFilter(state, info, nodes, out _);
        if (pre.IsSkip)
        {
            return (filtered ?? nodes).ToDictionary(n => n.Name, _ => Status.Success);
        }
        Assert.True(pre.IsSuccess, pre.ToString());
        return (filtered ?? nodes).ToDictionary(n => n.Name, n => plugin.Filter(state, info, n));
    }
}
