using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.InterPodAffinity;
using SharpKube.Scheduler.Tests.Fixtures;
using static SharpKube.Scheduler.Tests.Plugins.InterPodAffinity.AffinityPods;

namespace SharpKube.Scheduler.Tests.Plugins.InterPodAffinity;

public sealed class InterPodAffinityScoreTests
{
    /// <summary>PreScore, Score and NormalizeScore over every node; null when PreScore skips.</summary>
    private static Dictionary<string, long>? Scores(V1Pod pod, InterPodAffinityArgs? args, params NodeInfo[] nodes)
    {
        var snapshot = Snapshot.Of(nodes);
        var plugin = Plugin(snapshot, args);
        var state = new CycleState();
        var info = Make.Info(pod);
        var pre = plugin.PreScore(state, info, snapshot.NodeInfos);
        if (pre.IsSkip)
        {
            return null;
        }
        Assert.True(pre.IsSuccess, pre.ToString());
        var scores = nodes.Select(n =>
        {
            Assert.True(plugin.Score(state, info, n, out var score).IsSuccess);
            return new NodeScore(n, score);
        }).ToArray();
        Assert.True(plugin.NormalizeScore(state, info, scores).IsSuccess);
        return scores.ToDictionary(s => s.Node.Name, s => s.Score);
    }

    [Fact]
    public void PreferredAffinity_GivesTheZoneWithMatchingPodsTheTopScore()
    {
        var pod = Pod("web", "app=web").PreferredAffinity(10, Term(Zone, "app", "db"));

        var scores = Scores(pod, null, Node("a1", "zone-a", Pod("db", "app=db")), Node("a2", "zone-a"), Node("b1", "zone-b"));

        Assert.Equal(new Dictionary<string, long> { ["a1"] = 100, ["a2"] = 100, ["b1"] = 0 }, scores);
    }

    [Fact]
    public void PreferredAntiAffinity_GivesDomainsWithMatchingPodsTheLowestScore_ByWeightAndCount()
    {
        var pod = Pod("web-2", "app=web").PreferredAntiAffinity(10, Term(Hostname, "app", "web"));

        var scores = Scores(pod, null,
            Node("n1", "zone-a", Pod("web-0", "app=web"), Pod("web-1", "app=web")), Node("n2", "zone-a", Pod("web-3", "app=web")), Node("n3", "zone-b"));

        // -20, -10, 0 normalized between the lowest and the highest.
        Assert.Equal(new Dictionary<string, long> { ["n1"] = 0, ["n2"] = 50, ["n3"] = 100 }, scores);
    }

    [Fact]
    public void ExistingPodsPreferredTerms_CountForAnIncomingPodTheySelect()
    {
        var likesWeb = Pod("cache", "app=cache").PreferredAffinity(5, Term(Zone, "app", "web"));
        var avoidsWeb = Pod("batch", "app=batch").PreferredAntiAffinity(5, Term(Zone, "app", "web"));

        var scores = Scores(Pod("web", "app=web"), null, Node("a1", "zone-a", likesWeb), Node("b1", "zone-b"), Node("c1", "zone-c", avoidsWeb));

        Assert.Equal(new Dictionary<string, long> { ["a1"] = 100, ["b1"] = 50, ["c1"] = 0 }, scores);
    }

    [Fact]
    public void ExistingPodsRequiredAffinity_CountsWithHardPodAffinityWeight_AndNotAtWeightZero()
    {
        var needsWeb = Pod("sidecar", "app=sidecar").RequiredAffinity(Term(Hostname, "app", "web"));
        NodeInfo[] Nodes() => [Node("n1", "zone-a", needsWeb), Node("n2", "zone-a")];

        Assert.Equal(new Dictionary<string, long> { ["n1"] = 100, ["n2"] = 0 }, Scores(Pod("web", "app=web"), null, Nodes()));
        Assert.Null(Scores(Pod("web", "app=web"), new InterPodAffinityArgs { HardPodAffinityWeight = 0 }, Nodes()));
    }

    [Fact]
    public void IgnorePreferredTermsOfExistingPods_SkipsScoringAPodWithoutPreferredTerms()
    {
        var likesWeb = Pod("cache", "app=cache").PreferredAffinity(5, Term(Zone, "app", "web"));
        var ignore = new InterPodAffinityArgs { IgnorePreferredTermsOfExistingPods = true };

        Assert.NotNull(Scores(Pod("web", "app=web"), null, Node("a1", "zone-a", likesWeb), Node("b1", "zone-b")));
        Assert.Null(Scores(Pod("web", "app=web"), ignore, Node("a1", "zone-a", likesWeb), Node("b1", "zone-b")));
    }

    [Fact]
    public void PreScore_WithNoTermSelectingAnything_Skips()
    {
        var pod = Pod("web", "app=web").PreferredAffinity(10, Term(Zone, "app", "db"));

        Assert.Null(Scores(pod, null, Node("a1", "zone-a", Pod("cache", "app=cache")), Node("b1", "zone-b")));
    }

    [Fact]
    public void PreScore_CountsPodsOnNodesThatAreNotFeasible()
    {
        var db = Node("a1", "zone-a", Pod("db", "app=db"));
        var a2 = Node("a2", "zone-a");
        var b1 = Node("b1", "zone-b");
        var snapshot = Snapshot.Of([db, a2, b1]);
        var plugin = Plugin(snapshot);
        var state = new CycleState();
        var info = Make.Info(Pod("web", "app=web").PreferredAffinity(10, Term(Zone, "app", "db")));

        Assert.True(plugin.PreScore(state, info, [a2, b1]).IsSuccess);
        Assert.True(plugin.Score(state, info, a2, out var score).IsSuccess);

        Assert.Equal(10, score);
    }

    [Fact]
    public void NormalizeScore_ScalesBetweenTheLowestAndTheHighest_AndGivesEqualScoresZero()
    {
        var pod = Pod("web", "app=web").PreferredAffinity(10, Term(Zone, "app", "db"));
        var nodes = new[] { Node("a1", "zone-a", Pod("db", "app=db")), Node("b1", "zone-b"), Node("c1", "zone-c") };
        var snapshot = Snapshot.Of(nodes);
        var plugin = Plugin(snapshot);
        var state = new CycleState();
        var info = Make.Info(pod);
        Assert.True(plugin.PreScore(state, info, snapshot.NodeInfos).IsSuccess);

        NodeScore[] spread = [new(nodes[0], -7), new(nodes[1], 0), new(nodes[2], 14)];
        plugin.NormalizeScore(state, info, spread);
        Assert.Equal([0L, 33, 100], spread.Select(s => s.Score));

        NodeScore[] equal = [new(nodes[0], 5), new(nodes[1], 5)];
        plugin.NormalizeScore(state, info, equal);
        Assert.Equal([0L, 0], equal.Select(s => s.Score));
    }
}
