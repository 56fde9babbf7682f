using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.PodTopologySpread;
using SharpKube.Scheduler.Tests.Fixtures;
using static SharpKube.Scheduler.Tests.Plugins.PodTopologySpread.Spread;

namespace SharpKube.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadDefaultConstraintsTests
{
    private static readonly V1ReplicaSet WebReplicaSet = new()
    {
        Metadata = new V1ObjectMeta { Name = "web-rs", NamespaceProperty = "default" },
        Spec = new V1ReplicaSetSpec { Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } },
    };

    private static readonly WorkloadListers WithReplicaSet = new() { ReplicaSet = (ns, name) => ns == "default" && name == "web-rs" ? WebReplicaSet : null };

    private static V1Pod OwnedBy(V1Pod pod, string apiVersion, string kind, string name)
    {
        pod.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = "u", Controller = true }];
        return pod;
    }

    [Fact]
    public void SystemDefaults_SpreadAReplicaSetsPods_ByHostnameAndZone()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(3)), Node("node-b", "zone-b")];
        var plugin = Plugin(nodes, listers: WithReplicaSet);

        var scores = ScoreAll(plugin, OwnedBy(Pod("new"), "apps/v1", "ReplicaSet", "web-rs"), nodes);

        Assert.Equal(100, scores["node-b"]);
        Assert.True(scores["node-a"] < 100);
    }

    [Fact]
    public void SystemDefaults_AreOnlySoft_SoFilteringIsSkipped()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(3)), Node("node-b", "zone-b")];
        var plugin = Plugin(nodes, listers: WithReplicaSet);

        Assert.True(plugin.PreFilter(new CycleState(), Make.Info(OwnedBy(Pod("new"), "apps/v1", "ReplicaSet", "web-rs")), nodes, out _).IsSkip);
    }

    [Fact]
    public void SystemDefaults_DoNotApply_WhenNothingSelectsThePod()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a")];
        var plugin = Plugin(nodes, listers: WithReplicaSet);

        Assert.True(plugin.PreScore(new CycleState(), Make.Info(Pod("orphan")), nodes).IsSkip);
        Assert.True(plugin.PreScore(new CycleState(), Make.Info(OwnedBy(Pod("new"), "apps/v1", "ReplicaSet", "gone")), nodes).IsSkip);
    }

    [Fact]
    public void SystemDefaults_ScoreNodesWithoutAZone_ByHostname()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(2)), Node("bare", null)];
        var plugin = Plugin(nodes, listers: WithReplicaSet);

        var scores = ScoreAll(plugin, OwnedBy(Pod("new"), "apps/v1", "ReplicaSet", "web-rs"), nodes);

        Assert.Equal(100, scores["bare"]);
        Assert.True(scores["node-a"] < 100);
    }

    [Fact]
    public void ListDefaults_WithDoNotSchedule_FilterPodsAServiceSelects()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(1)), Node("node-b", "zone-b")];
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" } },
        };
        var args = new PodTopologySpreadArgs
        {
            DefaultingType = DefaultingType.List,
            DefaultConstraints = [new V1TopologySpreadConstraint { TopologyKey = Zone, MaxSkew = 1, WhenUnsatisfiable = "DoNotSchedule" }],
        };
        var plugin = Plugin(nodes, args, new WorkloadListers { Services = ns => ns == "default" ? [service] : [] });

        var results = FilterAll(plugin, Pod("new"), nodes);

        Assert.Equal(StatusCode.Unschedulable, results["node-a"].Code);
        Assert.True(results["node-b"].IsSuccess);
        // List defaults replace the system's: no soft constraints, so scoring is skipped.
        Assert.True(plugin.PreScore(new CycleState(), Make.Info(Pod("new")), nodes).IsSkip);
    }

    [Fact]
    public void APodsOwnConstraints_ReplaceTheDefaults()
    {
        NodeInfo[] nodes = [Node("node-a", "zone-a", Pods(3)), Node("node-b", "zone-b")];
        var plugin = Plugin(nodes, listers: WithReplicaSet);
        var pod = OwnedBy(Pod("new", constraints: Constraint(when: "DoNotSchedule")), "apps/v1", "ReplicaSet", "web-rs");

        Assert.True(plugin.PreScore(new CycleState(), Make.Info(pod), nodes).IsSkip);
    }
}
