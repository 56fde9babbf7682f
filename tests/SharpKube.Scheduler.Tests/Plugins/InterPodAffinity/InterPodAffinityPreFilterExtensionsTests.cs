using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Tests.Fixtures;
using static SharpKube.Scheduler.Tests.Plugins.InterPodAffinity.AffinityPods;

namespace SharpKube.Scheduler.Tests.Plugins.InterPodAffinity;

public sealed class InterPodAffinityPreFilterExtensionsTests
{
    [Fact]
    public void AddPod_OfAPodTheAntiAffinitySelects_RejectsItsDomain_OnlyInTheClone()
    {
        var pod = Make.Info(Pod("web-1", "app=web").RequiredAntiAffinity(Term(Zone, "app", "web")));
        var nodes = new[] { Node("a1", "zone-a"), Node("b1", "zone-b") };
        var snapshot = Snapshot.Of(nodes);
        var plugin = Plugin(snapshot);
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, snapshot.NodeInfos, out _).IsSuccess);

        var clone = state.Clone();
        Assert.True(plugin.AddPod(clone, pod, Make.Info(Pod("web-0", "app=web")).WithNodeName("a1"), nodes[0]).IsSuccess);

        Assert.Equal("node(s) didn't match pod anti-affinity rules", plugin.Filter(clone, pod, nodes[0]).Message);
        Assert.True(plugin.Filter(clone, pod, nodes[1]).IsSuccess);
        Assert.True(plugin.Filter(state, pod, nodes[0]).IsSuccess);
    }

    [Fact]
    public void RemovePod_OfTheOnlyPodWhoseAntiAffinityForbidsTheNode_LetsThePodFit()
    {
        var victim = Make.Info(Pod("loner", "app=loner").RequiredAntiAffinity(Term(Hostname, "app", "web"))).WithNodeName("n1");
        var node = Node("n1", "zone-a");
        node.AddPod(victim);
        var snapshot = Snapshot.Of([node]);
        var plugin = Plugin(snapshot);
        var pod = Make.Info(Pod("web", "app=web"));
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, snapshot.NodeInfos, out _).IsSuccess);
        Assert.Equal("node(s) didn't satisfy existing pods anti-affinity rules", plugin.Filter(state, pod, node).Message);

        var clone = state.Clone();
        Assert.True(plugin.RemovePod(clone, pod, victim, node).IsSuccess);

        Assert.True(plugin.Filter(clone, pod, node).IsSuccess);
        Assert.False(plugin.Filter(state, pod, node).IsSuccess);
    }

    [Fact]
    public void RemovePod_OfTheOnlyPodTheAffinityNeeds_RejectsTheNode_AndAddPodBringsItBack()
    {
        var db = Make.Info(Pod("db", "app=db")).WithNodeName("a1");
        var a1 = Node("a1", "zone-a");
        a1.AddPod(db);
        var b1 = Node("b1", "zone-b", Pod("db-b", "app=db"));
        var snapshot = Snapshot.Of([a1, b1]);
        var plugin = Plugin(snapshot);
        var pod = Make.Info(Pod("web", "app=web").RequiredAffinity(Term(Zone, "app", "db")));
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, snapshot.NodeInfos, out _).IsSuccess);

        var clone = state.Clone();
        plugin.RemovePod(clone, pod, db, a1);
        Assert.Equal("node(s) didn't match pod affinity rules", plugin.Filter(clone, pod, a1).Message);

        plugin.AddPod(clone, pod, db, a1);
        Assert.True(plugin.Filter(clone, pod, a1).IsSuccess);
    }
}
