using Microsoft.Extensions.Time.Testing;
using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Tests.Fixtures;
using SharpKube.Scheduler.Tests.Plugins.InterPodAffinity;

namespace SharpKube.Scheduler.Tests.Cache;

public sealed class SchedulerCacheTests
{
    private readonly FakeTimeProvider _time = new();

    private SchedulerCache NewCache(TimeSpan ttl = default)
    {
        var cache = new SchedulerCache(_time, ttl);
        cache.AddNode(Make.Node("n1", cpu: "2"));
        cache.AddNode(Make.Node("n2", cpu: "2"));
        return cache;
    }

    private static NodeInfo Node(SchedulerCache cache, string name) => cache.GetNode(name)!;

    [Fact]
    public void AnAssumedPod_CountsOnItsNode_AtOnce()
    {
        var cache = NewCache();
        var pod = Make.Info(Make.Pod("p", cpu: "500m")).WithNodeName("n1");

        cache.AssumePod(pod);

        Assert.True(cache.IsAssumedPod(pod.Uid));
        Assert.Equal(500, Node(cache, "n1").Requested.MilliCpu);
        Assert.Throws<InvalidOperationException>(() => cache.AssumePod(pod));
    }

    [Fact]
    public void TheInformersBoundPod_ConfirmsTheAssumedOne_WithoutCountingItTwice()
    {
        var cache = NewCache();
        var v1 = Make.Pod("p", cpu: "500m");
        cache.AssumePod(Make.Info(v1).WithNodeName("n1"));
        cache.FinishBinding(Make.Info(v1).WithNodeName("n1"));

        v1.Spec.NodeName = "n1";
        cache.AddPod(Make.Info(v1));

        Assert.False(cache.IsAssumedPod(v1.Metadata.Uid));
        Assert.Equal(500, Node(cache, "n1").Requested.MilliCpu);
        Assert.Single(Node(cache, "n1").Pods);
        Assert.Equal(1, cache.PodCount);
    }

    [Fact]
    public void APodBoundElsewhereThanAssumed_MovesToTheNodeItWasBoundTo()
    {
        var cache = NewCache();
        var pod = Make.Pod("p", cpu: "500m");
        cache.AssumePod(Make.Info(pod).WithNodeName("n1"));

        pod.Spec.NodeName = "n2";
        cache.AddPod(Make.Info(pod));

        Assert.Equal(0, Node(cache, "n1").Requested.MilliCpu);
        Assert.Equal(500, Node(cache, "n2").Requested.MilliCpu);
    }

    [Fact]
    public void ForgettingAnAssumedPod_FreesItsNode_AndOnlyAssumedPodsCanBeForgotten()
    {
        var cache = NewCache();
        var pod = Make.Info(Make.Pod("p", cpu: "500m")).WithNodeName("n1");
        cache.AssumePod(pod);

        cache.ForgetPod(pod);

        Assert.Equal(0, Node(cache, "n1").Requested.MilliCpu);
        Assert.Equal(0, cache.PodCount);
        var bound = Make.Pod("bound", cpu: "1", nodeName: "n2");
        cache.AddPod(Make.Info(bound));
        Assert.Throws<InvalidOperationException>(() => cache.ForgetPod(Make.Info(bound)));
    }

    [Fact]
    public void AnAssumedPodWhoseBindingFinished_ExpiresAfterTheTtl_ButNotBeforeItsBindingFinished()
    {
        var cache = NewCache(TimeSpan.FromSeconds(30));
        var slow = Make.Info(Make.Pod("slow", cpu: "100m")).WithNodeName("n1");
        var bound = Make.Info(Make.Pod("bound", cpu: "200m")).WithNodeName("n1");
        cache.AssumePod(slow);
        cache.AssumePod(bound);
        cache.FinishBinding(bound);

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, cache.CleanupExpiredAssumedPods());

        Assert.True(cache.IsAssumedPod(slow.Uid));
        Assert.Null(cache.GetPod(bound.Uid));
        Assert.Equal(100, Node(cache, "n1").Requested.MilliCpu);
    }

    [Fact]
    public void WithoutATtl_AssumedPodsNeverExpire_AsUpstreamSince123()
    {
        var cache = NewCache();
        var pod = Make.Info(Make.Pod("p", cpu: "100m")).WithNodeName("n1");
        cache.AssumePod(pod);
        cache.FinishBinding(pod);

        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, cache.CleanupExpiredAssumedPods());
        Assert.True(cache.IsAssumedPod(pod.Uid));
    }

    [Fact]
    public void UpdateSnapshot_CopiesOnlyChangedNodes_InPlace_AndFollowsNodesComingAndGoing()
    {
        var cache = NewCache();
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(["n1", "n2"], snapshot.NodeInfos.Select(n => n.Name).Order());
        var n1 = snapshot.Get("n1")!;
        var n2 = snapshot.Get("n2")!;
        var n2Generation = n2.Generation;

        cache.AssumePod(Make.Info(Make.Pod("p", cpu: "1")).WithNodeName("n1"));
        cache.UpdateSnapshot(snapshot);

        Assert.Same(n1, snapshot.Get("n1"));
        Assert.Equal(1000, n1.Requested.MilliCpu);
        Assert.Equal(n2Generation, snapshot.Get("n2")!.Generation);

        cache.RemoveNode(Make.Node("n2"));
        cache.AddNode(Make.Node("n3"));
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(["n1", "n3"], snapshot.NodeInfos.Select(n => n.Name).Order());
        Assert.Null(snapshot.Get("n2"));
    }

    [Fact]
    public void UpdateSnapshot_KeepsTheListsOfNodesWithAffinityPods()
    {
        var cache = NewCache();
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Empty(snapshot.HavePodsWithAffinity);
        Assert.Empty(snapshot.HavePodsWithRequiredAntiAffinity);

        var term = AffinityPods.Term(AffinityPods.Hostname, "app", "web");
        var preferring = AffinityPods.Pod("preferring", "app=db").PreferredAffinity(10, term);
        var avoiding = AffinityPods.Pod("avoiding", "app=web").RequiredAntiAffinity(term);
        var avoidingOnN2 = Make.Info(avoiding).WithNodeName("n2");
        cache.AddPod(Make.Info(preferring).WithNodeName("n1"));
        cache.AddPod(avoidingOnN2);
        cache.AddPod(Make.Info(Make.Pod("plain")).WithNodeName("n1"));
        cache.UpdateSnapshot(snapshot);

        Assert.Equal(["n1", "n2"], snapshot.HavePodsWithAffinity.Select(n => n.Name).Order());
        Assert.Equal(["n2"], snapshot.HavePodsWithRequiredAntiAffinity.Select(n => n.Name));
        Assert.Same(snapshot.Get("n2"), snapshot.HavePodsWithRequiredAntiAffinity[0]);

        cache.RemovePod(avoidingOnN2);
        cache.UpdateSnapshot(snapshot);

        Assert.Equal(["n1"], snapshot.HavePodsWithAffinity.Select(n => n.Name));
        Assert.Empty(snapshot.HavePodsWithRequiredAntiAffinity);
    }

    [Fact]
    public void ADeletedNodeWithPods_LeavesTheSnapshot_ButKeepsItsPodsUntilTheyGo()
    {
        var cache = NewCache();
        var pod = Make.Pod("p", cpu: "1", nodeName: "n2");
        cache.AddPod(Make.Info(pod));
        var snapshot = new Snapshot();

        cache.RemoveNode(Make.Node("n2"));
        cache.UpdateSnapshot(snapshot);

        Assert.Equal(["n1"], snapshot.NodeInfos.Select(n => n.Name));
        Assert.Equal(1, cache.PodCount);
        cache.RemovePod(Make.Info(pod));
        Assert.Null(cache.GetNode("n2"));
    }

    [Fact]
    public void TheSnapshotInterleavesZones_SoAPartialScanSpreadsOverThem()
    {
        var cache = new SchedulerCache(_time);
        foreach (var (name, zone) in new[] { ("a1", "a"), ("a2", "a"), ("a3", "a"), ("b1", "b"), ("b2", "b") })
        {
            cache.AddNode(Make.Node(name, labels: new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = zone }));
        }
        var snapshot = new Snapshot();

        cache.UpdateSnapshot(snapshot);

        Assert.Equal(["a1", "b1", "a2", "b2", "a3"], snapshot.NodeInfos.Select(n => n.Name));
    }

    [Fact]
    public void NodeImages_AreSharedSummaries_CountingTheNodesThatHaveThem()
    {
        var cache = new SchedulerCache(_time);
        var image = new k8s.Models.V1ContainerImage { Names = ["docker.io/library/nginx:1.25"], SizeBytes = 1000 };
        var withImage = Make.Node("a");
        withImage.Status.Images = [image];
        var alsoWithImage = Make.Node("b");
        alsoWithImage.Status.Images = [image];
        cache.AddNode(withImage);
        cache.AddNode(alsoWithImage);

        var state = cache.GetNode("a")!.ImageStates["docker.io/library/nginx:1.25"];
        Assert.Equal(2, state.NumNodes);
        Assert.Equal(1000, state.Size);

        cache.RemoveNode(alsoWithImage);
        Assert.Equal(1, state.NumNodes);
    }
}
