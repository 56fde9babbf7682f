using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Tests.Fixtures;
using static SharpKube.Scheduler.Tests.Plugins.PodTopologySpread.Spread;

namespace SharpKube.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadScoreTests
{
    [Fact]
    public void PreScore_WithoutSoftConstraints_Skips()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a")];
        var plugin = Plugin(nodes);

        Assert.True(plugin.PreScore(new CycleState(), Make.Info(Pod("plain")), nodes).IsSkip);
        Assert.True(plugin.PreScore(new CycleState(), Make.Info(Pod("hard", constraints: Constraint())), nodes).IsSkip);
    }

    [Fact]
    public void Score_PrefersTheZoneWithFewerMatchingPods_AsUpstreamsFormula()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(2)), Node("node-b", "zone-b", Pods(1)), Node("node-c", "zone-c")];

        var scores = ScoreAll(Plugin(nodes), Pod("new", constraints: Constraint(when: "ScheduleAnyway")), nodes);

        // Weight log(3 + 2) ≈ 1.609: raw scores round(2w) = 3, round(w) = 2 and 0; normalized 100 × (3 + 0 − s) / 3.
        Assert.Equal(0, scores["node-a"]);
        Assert.Equal(33, scores["node-b"]);
        Assert.Equal(100, scores["node-c"]);
    }

    [Fact]
    public void Score_CountsTheWholeDomain_IncludingNodesThatAreNotFeasible()
    {
        NodeInfo[] all = [Node("node-a1", "zone-a"), Node("node-a2", "zone-a", Pods(3)), Node("node-b", "zone-b", Pods(1))];
        var plugin = Plugin(all);

        var scores = ScoreAll(plugin, Pod("new", constraints: Constraint(when: "ScheduleAnyway")), [all[0], all[2]]);

        Assert.True(scores["node-b"] > scores["node-a1"]);
    }

    [Fact]
    public void Score_AFeasibleNodeWithoutTheKey_GetsZero()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(4)), Node("bare", null)];

        var scores = ScoreAll(Plugin(nodes), Pod("new", constraints: Constraint(when: "ScheduleAnyway")), nodes);

        Assert.Equal(0, scores["bare"]);
        Assert.Equal(100, scores["node-a"]);
    }

    [Fact]
    public void Score_HostnameConstraints_CountPerNode()
    {
        NodeInfo[] nodes = [Node("node-1", "zone-a", Pods(2)), Node("node-2", "zone-a"), Node("node-3", "zone-a", Pods(1))];

        var scores = ScoreAll(Plugin(nodes), Pod("new", constraints: Constraint(Hostname, when: "ScheduleAnyway")), nodes);

        Assert.True(scores["node-2"] > scores["node-3"]);
        Assert.True(scores["node-3"] > scores["node-1"]);
        Assert.Equal(100, scores["node-2"]);
    }

    [Fact]
    public void Score_WithNoMatchingPodsAnywhere_GivesEveryNodeTheMaximum()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a"), Node("node-b", "zone-b")];

        var scores = ScoreAll(Plugin(nodes), Pod("new", constraints: Constraint(when: "ScheduleAnyway")), nodes);

        Assert.All(scores.Values, s => Assert.Equal(100, s));
    }

    [Fact]
    public void Score_ALargerMaxSkew_NarrowsTheGapBetweenDomains()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(2)), Node("node-b", "zone-b")];

        var tight = ScoreAll(Plugin(nodes), Pod("new", constraints: Constraint(when: "ScheduleAnyway")), nodes);
        var loose = ScoreAll(Plugin(nodes), Pod("new", constraints: Constraint(maxSkew: 5, when: "ScheduleAnyway")), nodes);

        Assert.Equal(0, tight["node-a"]);
        Assert.True(loose["node-a"] > 0);
        Assert.Equal(100, loose["node-b"]);
    }

    [Fact]
    public void PreScore_OfTheNextPodAskingTheSame_CountsWhatChangedOnANode_SinceTheLastCycle()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(2)), Node("node-b", "zone-b", Pods(1)), Node("node-c", "zone-c")];
        var plugin = Plugin(nodes);
        var soft = Constraint(when: "ScheduleAnyway");
        var first = ScoreAll(plugin, Pod("first", constraints: soft), nodes);
        Assert.Equal([0, 33, 100], [first["node-a"], first["node-b"], first["node-c"]]);

        // Zone a empties and zone c fills: the order turns round for the next pod of the same kind.
        foreach (var pod in nodes[0].Pods.ToList())
        {
            nodes[0].RemovePod(pod.Uid);
        }
        foreach (var pod in Pods(2))
        {
            nodes[2].AddPod(Make.Info(pod));
        }
        var second = ScoreAll(plugin, Pod("second", constraints: soft), nodes);

        Assert.Equal([100, 33, 0], [second["node-a"], second["node-b"], second["node-c"]]);
        // Another question (other pods selected) is counted afresh.
        var other = ScoreAll(plugin, Pod("db", app: "db", constraints: Constraint(when: "ScheduleAnyway", app: "db")), nodes);
        Assert.All(other.Values, score => Assert.Equal(100, score));
    }
}
