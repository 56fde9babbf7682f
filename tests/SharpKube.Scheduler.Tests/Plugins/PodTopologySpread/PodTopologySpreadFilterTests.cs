using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.PodTopologySpread;
using SharpKube.Scheduler.Tests.Fixtures;
using static SharpKube.Scheduler.Tests.Plugins.PodTopologySpread.Spread;

namespace SharpKube.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadFilterTests
{
    private static NodeInfo[] Zones(int a, int b, int c) =>
        [Node("node-a", "zone-a", Pods(a)), Node("node-b", "zone-b", Pods(b)), Node("node-c", "zone-c", Pods(c))];

    [Fact]
    public void PreFilter_WithoutHardConstraints_Skips()
    {
        var nodes = Zones(1, 0, 0);
        var plugin = Plugin(nodes);

        Assert.True(plugin.PreFilter(new CycleState(), Make.Info(Pod("plain")), nodes, out _).IsSkip);
        var soft = Pod("soft", constraints: Constraint(when: "ScheduleAnyway"));
        Assert.True(plugin.PreFilter(new CycleState(), Make.Info(soft), nodes, out _).IsSkip);
    }

    [Fact]
    public void Filter_WithZonesAt2_2_1_AndMaxSkew1_OnlyTheEmptiestZoneFits_WithUpstreamsUnschedulableReason()
    {
        var nodes = Zones(2, 2, 1);
        var results = FilterAll(Plugin(nodes), Pod("new", constraints: Constraint()), nodes);

        Assert.True(results["node-c"].IsSuccess);
        foreach (var rejected in new[] { results["node-a"], results["node-b"] })
        {
            Assert.Equal(StatusCode.Unschedulable, rejected.Code);
            Assert.Equal("node(s) didn't match pod topology spread constraints", rejected.Message);
            Assert.Equal(PodTopologySpreadPlugin.PluginName, rejected.Plugin);
        }
    }

    [Fact]
    public void Filter_WithMaxSkew2_EveryZoneOfA2_2_1SpreadFits()
    {
        var nodes = Zones(2, 2, 1);
        Assert.All(FilterAll(Plugin(nodes), Pod("new", constraints: Constraint(maxSkew: 2)), nodes).Values, s => Assert.True(s.IsSuccess));
    }

    [Fact]
    public void Filter_ANodeWithoutTheTopologyKey_IsUnresolvable_AndItsPodsDoNotCount()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(1)), Node("node-b", "zone-b", Pods(1)), Node("bare", null, Pods(5))];
        var results = FilterAll(Plugin(nodes), Pod("new", constraints: Constraint()), nodes);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, results["bare"].Code);
        Assert.Equal("node(s) didn't match pod topology spread constraints (missing required label)", results["bare"].Message);
        Assert.True(results["node-a"].IsSuccess);
        Assert.True(results["node-b"].IsSuccess);
    }

    [Fact]
    public void Filter_CountsOnlySelectedPodsOfTheSameNamespace_ThatAreNotTerminating()
    {
        var terminating = Pods(3);
        foreach (var pod in terminating)
        {
            pod.Metadata.DeletionTimestamp = DateTime.UtcNow;
        }
        NodeInfo[] nodes =
        [
            Node("node-a", "zone-a", [.. Pods(3, app: "db"), .. Pods(3, ns: "other"), .. terminating]),
            Node("node-b", "zone-b"),
        ];

        Assert.All(FilterAll(Plugin(nodes), Pod("new", constraints: Constraint()), nodes).Values, s => Assert.True(s.IsSuccess));
    }

    [Fact]
    public void Filter_APodItsSelectorDoesNotMatch_DoesNotCountItself()
    {
        var nodes = Zones(1, 0, 0);
        // The pod is app=api but spreads app=web pods: placing it adds nothing, so skew 1 - 0 is allowed.
        var results = FilterAll(Plugin(nodes), Pod("new", app: "api", constraints: Constraint()), nodes);
        Assert.True(results["node-a"].IsSuccess);
    }

    [Fact]
    public void Filter_WithFewerDomainsThanMinDomains_TakesTheGlobalMinimumAsZero()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(1)), Node("node-b", "zone-b", Pods(1))];

        Assert.All(FilterAll(Plugin(nodes), Pod("new", constraints: Constraint()), nodes).Values, s => Assert.True(s.IsSuccess));
        var results = FilterAll(Plugin(nodes), Pod("new", constraints: Constraint(minDomains: 3)), nodes);
        Assert.All(results.Values, s => Assert.Equal(StatusCode.Unschedulable, s.Code));
    }

    [Fact]
    public void Filter_HonorsTheNodeSelector_ForWhichDomainsCount_UnlessTheNodeAffinityPolicyIsIgnore()
    {
        var nodes = Zones(1, 1, 0);
        foreach (var node in nodes.Take(2))
        {
            node.Node!.Metadata.Labels["pool"] = "main";
        }
        var honor = Pod("honor", constraints: Constraint());
        honor.Spec.NodeSelector = new Dictionary<string, string> { ["pool"] = "main" };
        var ignore = Pod("ignore", constraints: Constraint(nodeAffinityPolicy: "Ignore"));
        ignore.Spec.NodeSelector = new Dictionary<string, string> { ["pool"] = "main" };

        // Honor: zone-c's empty node is out of the pod's reach, so the minimum is 1 and zone-a takes a second pod.
        Assert.True(FilterAll(Plugin(nodes), honor, nodes)["node-a"].IsSuccess);
        // Ignore: zone-c counts with 0, and a second pod in zone-a would make the skew 2.
        Assert.Equal(StatusCode.Unschedulable, FilterAll(Plugin(nodes), ignore, nodes)["node-a"].Code);
    }

    [Fact]
    public void Filter_IgnoresTaintsForWhichDomainsCount_UnlessTheNodeTaintsPolicyIsHonor()
    {
        var nodes = Zones(1, 1, 0);
        nodes[2].Node!.Spec.Taints = [Make.Taint("dedicated", "batch", "NoSchedule")];

        Assert.Equal(StatusCode.Unschedulable, FilterAll(Plugin(nodes), Pod("ignore", constraints: Constraint()), nodes)["node-a"].Code);
        Assert.True(FilterAll(Plugin(nodes), Pod("honor", constraints: Constraint(nodeTaintsPolicy: "Honor")), nodes)["node-a"].IsSuccess);
    }

    [Fact]
    public void Filter_MatchLabelKeys_CountOnlyPodsWithTheSameValues()
    {
        V1Pod Revision(string name, string hash) => Pod(name, extra: new Dictionary<string, string> { ["pod-template-hash"] = hash });
        NodeInfo[] nodes = [Node("node-a", "zone-a", Revision("old-1", "v1"), Revision("old-2", "v1")), Node("node-b", "zone-b")];
        var withKeys = Pod("new", extra: new Dictionary<string, string> { ["pod-template-hash"] = "v2" },
            constraints: Constraint(matchLabelKeys: ["pod-template-hash"]));
        var withoutKeys = Pod("new", extra: new Dictionary<string, string> { ["pod-template-hash"] = "v2" }, constraints: Constraint());

        Assert.True(FilterAll(Plugin(nodes), withKeys, nodes)["node-a"].IsSuccess);
        Assert.Equal(StatusCode.Unschedulable, FilterAll(Plugin(nodes), withoutKeys, nodes)["node-a"].Code);
    }

    [Fact]
    public void Filter_EveryConstraintMustHold()
    {
        // Zones balanced, but node-a already has two pods on its host: the hostname constraint rejects it.
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(2)), Node("node-a2", "zone-a"), Node("node-b", "zone-b", Pods(2))];
        var results = FilterAll(Plugin(nodes), Pod("new", constraints: [Constraint(maxSkew: 2), Constraint(Hostname, maxSkew: 1)]), nodes);

        Assert.Equal(StatusCode.Unschedulable, results["node-a"].Code);
        Assert.True(results["node-a2"].IsSuccess);
        Assert.Equal(StatusCode.Unschedulable, results["node-b"].Code);
    }

    [Fact]
    public void Filter_WithoutPreFilterState_IsAnError()
    {
        var nodes = Zones(0, 0, 0);
        var status = Plugin(nodes).Filter(new CycleState(), Make.Info(Pod("new", constraints: Constraint())), nodes[0]);
        Assert.Equal(StatusCode.Error, status.Code);
    }

    [Fact]
    public void PreFilter_WithAnInvalidSelector_IsAnError()
    {
        var constraint = Constraint();
        constraint.LabelSelector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "app", OperatorProperty = "Near" }] };
        var nodes = Zones(0, 0, 0);

        var status = Plugin(nodes).PreFilter(new CycleState(), Make.Info(Pod("new", constraints: constraint)), nodes, out _);

        Assert.Equal(StatusCode.Error, status.Code);
        Assert.StartsWith("obtaining pod's hard topology spread constraints", status.Message);
    }

    [Fact]
    public void CountingOverManyNodesInParallel_MatchesCountingOnOneThread()
    {
        var nodes = Enumerable.Range(0, 300).Select(i => Node($"n{i}", $"zone-{i % 3}", Pods(i % 3 == 0 ? 2 : 1))).ToArray();
        var pod = Pod("new", constraints: Constraint());
        var parallel = new PodTopologySpreadPlugin(new FrameworkHandle(Make.NowhereClient(), Snapshot.Of(nodes), parallelizer: new Parallelizer(4)));

        var results = FilterAll(parallel, pod, nodes);

        // zone-0 has 200 matching pods, the others 100: only zone-0 is rejected.
        Assert.All(results, r => Assert.Equal(int.Parse(r.Key[1..], System.Globalization.CultureInfo.InvariantCulture) % 3 == 0 ? StatusCode.Unschedulable : StatusCode.Success,
            r.Value.Code));
    }

    [Fact]
    public void Filter_OnANodeThatFits_AllocatesNothing()
    {
        var nodes = Zones(2, 1, 1);
        var plugin = Plugin(nodes);
        var pod = Make.Info(Pod("new", constraints: [Constraint(), Constraint(Hostname, maxSkew: 3)]));
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, nodes, out _).IsSuccess);
        Assert.True(plugin.Filter(state, pod, nodes[1]).IsSuccess);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            plugin.Filter(state, pod, nodes[1]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void PreFilter_OfTheNextPodAskingTheSame_CountsWhatChangedOnANode_SinceTheLastCycle()
    {
        var nodes = Zones(1, 1, 0);
        var plugin = Plugin(nodes);
        var constraint = Constraint();
        Assert.True(FilterAll(plugin, Pod("first", constraints: constraint), nodes)["node-c"].IsSuccess);

        // The first pod went to zone-c; zone-c is then no emptier than the others, and a pod leaving zone-a makes it the emptiest.
        nodes[2].AddPod(Make.Info(Pods(1)[0]));
        nodes[0].RemovePod(nodes[0].Pods[0].Uid);
        var second = FilterAll(plugin, Pod("second", constraints: constraint), nodes);

        Assert.True(second["node-a"].IsSuccess);
        Assert.False(second["node-b"].IsSuccess);
        Assert.False(second["node-c"].IsSuccess);
    }

    [Fact]
    public void PreFilter_OfAPodAskingSomethingElse_CountsAgain_NotWithTheLastPodsRows()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", [.. Pods(2, app: "web"), .. Pods(2, app: "web", ns: "other")]), Node("node-b", "zone-b", Pods(2, app: "db"))];
        var plugin = Plugin(nodes);

        var web = FilterAll(plugin, Pod("web", constraints: Constraint()), nodes);
        var db = FilterAll(plugin, Pod("db", app: "db", constraints: Constraint(app: "db")), nodes);
        var otherWeb = FilterAll(plugin, Pod("web", ns: "other", constraints: Constraint()), nodes);
        var otherWebTwoApart = FilterAll(plugin, Pod("web", ns: "other", constraints: Constraint(maxSkew: 2)), nodes);

        Assert.Equal([false, true], [web["node-a"].IsSuccess, web["node-b"].IsSuccess]);
        Assert.Equal([true, false], [db["node-a"].IsSuccess, db["node-b"].IsSuccess]);
        Assert.Equal([false, true], [otherWeb["node-a"].IsSuccess, otherWeb["node-b"].IsSuccess]);
        Assert.Equal([false, true], [otherWebTwoApart["node-a"].IsSuccess, otherWebTwoApart["node-b"].IsSuccess]);
    }

    [Fact]
    public void PreFilter_AfterANodeMovedToAnotherZone_CountsItsPodsThereOnly()
    {
        var nodes = Zones(1, 1, 0);
        var plugin = Plugin(nodes);
        var constraint = Constraint();
        Assert.Equal([false, false, true], [.. FilterAll(plugin, Pod("first", constraints: constraint), nodes).Values.Select(s => s.IsSuccess)]);

        // node-a joins zone-c with its pod: zone-a is gone, zones b and c hold one pod each.
        nodes[0].SetNode(Make.Node("node-a", labels: new Dictionary<string, string> { [Hostname] = "node-a", [Zone] = "zone-c" }));
        var second = FilterAll(plugin, Pod("second", constraints: constraint), nodes);

        Assert.All(second.Values, s => Assert.True(s.IsSuccess));
    }

    [Fact]
    public void PreFilter_OfTheNextPodAskingTheSame_SwapsAChangedNodesCountsInItsZoneTotal()
    {
        NodeInfo[] nodes = [Node("node-a1", "zone-a", Pods(1)), Node("node-a2", "zone-a"), Node("node-b", "zone-b", Pods(1)), Node("node-c", "zone-c")];
        var plugin = Plugin(nodes);
        var constraint = Constraint(maxSkew: 2);
        Assert.All(FilterAll(plugin, Pod("first", constraints: constraint), nodes).Values, s => Assert.True(s.IsSuccess));

        // Zone a goes to two pods (its other node gets one), zone b to none.
        nodes[1].AddPod(Make.Info(Pods(1)[0]));
        nodes[2].RemovePod(nodes[2].Pods[0].Uid);
        var second = FilterAll(plugin, Pod("second", constraints: constraint), nodes);

        Assert.Equal(["node-b", "node-c"], second.Where(s => s.Value.IsSuccess).Select(s => s.Key));
    }
}
