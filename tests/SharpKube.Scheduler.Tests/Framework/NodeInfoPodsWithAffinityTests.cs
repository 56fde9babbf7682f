using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Tests.Fixtures;
using static SharpKube.Scheduler.Tests.Plugins.InterPodAffinity.AffinityPods;

namespace SharpKube.Scheduler.Tests.Framework;

public sealed class NodeInfoPodsWithAffinityTests
{
    [Fact]
    public void AddRemoveAndCopy_KeepThePodsWithAffinityAndWithRequiredAntiAffinity()
    {
        var node = Node("n1", "zone-a");
        var plain = Make.Info(Pod("plain", "app=plain"));
        var preferring = Make.Info(Pod("preferring", "app=p").PreferredAffinity(1, Term(Zone, "app", "db")));
        var avoiding = Make.Info(Pod("avoiding", "app=a").RequiredAntiAffinity(Term(Hostname, "app", "a")));

        node.AddPod(plain);
        node.AddPod(preferring);
        node.AddPod(avoiding);

        Assert.Equal([preferring, avoiding], node.PodsWithAffinity);
        Assert.Equal([avoiding], node.PodsWithRequiredAntiAffinity);

        var copy = new NodeInfo("other");
        copy.CopyFrom(node);
        Assert.True(node.RemovePod(avoiding.Uid));

        Assert.Equal([preferring], node.PodsWithAffinity);
        Assert.Empty(node.PodsWithRequiredAntiAffinity);
        Assert.Equal([preferring, avoiding], copy.PodsWithAffinity);
        Assert.Equal([avoiding], copy.PodsWithRequiredAntiAffinity);
    }

    [Fact]
    public void PodInfo_ParsesTermsOnce_WithTheOwnersNamespaceByDefault_AndKeepsThemWhenAssumed()
    {
        var info = Make.Info(PodIn("team-a", "web", "app=web").RequiredAffinity(Term(Zone, "app", "db")));

        var term = Assert.Single(info.Affinity.RequiredAffinity);
        Assert.Equal(["team-a"], term.Namespaces);
        Assert.Equal(Zone, term.TopologyKey);
        Assert.True(info.Affinity.HasAffinity);
        Assert.Same(info.Affinity, info.WithNodeName("n1").Affinity);
        Assert.False(Make.Info(Pod("plain")).Affinity.HasAffinity);
    }
}
