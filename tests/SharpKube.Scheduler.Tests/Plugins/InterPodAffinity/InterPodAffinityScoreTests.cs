using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.InterPodAffinity;
using SharpKube.Scheduler.Tests.Fixtures;
using static SharpKube.Scheduler.Tests.Plugins.InterPodAffinity.AffinityPods;

namespace SharpKube.Scheduler.Tests.Plugins.InterPodAffinity;

public sealed class InterPodAffinityScoreTests
{
    /// <summary>PreScore, Score and NormalizeScore over every node; null when PreScore skips.</summary>
    private static Dictionary<string, long>? Scores(V1Pod pod, InterPodAffinityArgs? args, params NodeInfo[] nodes) =>
        ScoresOf(Plugin(Snapshot.Of(nodes), args), pod, nodes);

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

    [Fact]
    public void ExistingPodsPreferredAffinity_ForTheNextPodWithTheSameLabels_ScoresWhereThosePodsAreNow()
    {
        static V1Pod Db(string name) => Pod(name, "app=db").PreferredAffinity(10, Term(Zone, "app", "web"));
        // a1 also runs a pod whose affinity does not draw web pods, so it stays among the nodes walked.
        var cache = Pod("cache", "app=cache").PreferredAffinity(5, Term(Zone, "app", "cache"));
        NodeInfo[] nodes = [Node("a1", "zone-a", Db("db-0"), cache), Node("a2", "zone-a"), Node("b1", "zone-b")];
        var plugin = Plugin(Snapshot.Of(nodes));
        Assert.Equal(new Dictionary<string, long> { ["a1"] = 100, ["a2"] = 100, ["b1"] = 0 }, ScoresOf(plugin, Pod("web-0", "app=web"), nodes));

        // The db pod moves to zone b.
        nodes[0].RemovePod(nodes[0].Pods.Single(p => p.Name == "db-0").Uid);
        nodes[2].AddPod(Make.Info(Db("db-1")));

        Assert.Equal(new Dictionary<string, long> { ["a1"] = 0, ["a2"] = 0, ["b1"] = 100 }, ScoresOf(plugin, Pod("web-1", "app=web"), nodes));
        Assert.Null(ScoresOf(plugin, Pod("api-0", "app=api"), nodes));
        Assert.Equal(100, ScoresOf(plugin, Pod("web-2", "app=web"), nodes)!["b1"]);
    }

    /// <summary>One cycle's PreScore, Score and NormalizeScore of <paramref name="plugin"/> (which keeps what it counted between cycles).</summary>
    private static Dictionary<string, long>? ScoresOf(InterPodAffinityPlugin plugin, V1Pod pod, NodeInfo[] nodes)
    {
        var state = new CycleState();
        var info = Make.Info(pod);
        var pre = plugin.PreScore(state, info, nodes);
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
}
