using k8s.Models;
using SharpKube.Scheduler.Plugins.PodTopologySpread;
using static SharpKube.Scheduler.Tests.Plugins.PodTopologySpread.Spread;

namespace SharpKube.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class DefaultSelectorTests
{
    private static V1Service Service(string name, IDictionary<string, string>? selector, string ns = "default") =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Spec = new V1ServiceSpec { Selector = selector } };

    private static V1Pod Owned(string kind, string apiVersion, string name)
    {
        var pod = Pod("p", extra: new Dictionary<string, string> { ["tier"] = "front" });
        pod.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = "u", Controller = true }];
        return pod;
    }

    [Fact]
    public void MergesTheSelectorsOfTheServicesThatSelectThePod()
    {
        var listers = new WorkloadListers
        {
            Services = _ =>
            [
                Service("by-app", new Dictionary<string, string> { ["app"] = "web" }),
                Service("by-tier", new Dictionary<string, string> { ["tier"] = "front" }),
                Service("other", new Dictionary<string, string> { ["app"] = "db" }),
                Service("headless", null),
            ],
        };

        var selector = DefaultSelector.For(Pod("p", extra: new Dictionary<string, string> { ["tier"] = "front" }), listers);

        Assert.Equal("app=web,tier=front", selector.ToString());
    }

    [Fact]
    public void AddsTheControllingReplicaSetsOrStatefulSetsSelector()
    {
        var selector = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["front", "edge"] }],
        };
        var listers = new WorkloadListers
        {
            ReplicaSet = (_, name) => name == "rs" ? new V1ReplicaSet { Spec = new V1ReplicaSetSpec { Selector = selector } } : null,
            StatefulSet = (_, name) => name == "ss" ? new V1StatefulSet { Spec = new V1StatefulSetSpec { Selector = selector } } : null,
            ReplicationController = (_, name) => name == "rc"
                ? new V1ReplicationController { Spec = new V1ReplicationControllerSpec { Selector = new Dictionary<string, string> { ["app"] = "web" } } }
                : null,
        };

        Assert.Equal("app=web,tier in (edge,front)", DefaultSelector.For(Owned("ReplicaSet", "apps/v1", "rs"), listers).ToString());
        Assert.Equal("app=web,tier in (edge,front)", DefaultSelector.For(Owned("StatefulSet", "apps/v1", "ss"), listers).ToString());
        Assert.Equal("app=web", DefaultSelector.For(Owned("ReplicationController", "v1", "rc"), listers).ToString());
        Assert.True(DefaultSelector.For(Owned("Deployment", "apps/v1", "rs"), listers).IsEverything);
    }

    [Fact]
    public void IsEmpty_WhenNothingSelectsThePod()
    {
        var listers = new WorkloadListers { Services = _ => [Service("other", new Dictionary<string, string> { ["app"] = "db" })] };
        Assert.True(DefaultSelector.For(Pod("p"), listers).IsEverything);
    }
}
