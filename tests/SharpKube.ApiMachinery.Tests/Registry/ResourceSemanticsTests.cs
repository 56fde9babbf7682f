using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Tests.Registry;

public sealed class ResourceSemanticsTests
{
    private static readonly ResourceRegistry Registry = ResourceRegistry.BuiltIn;

    [Theory]
    [InlineData("", "namespaces", "create,delete,get,list,patch,update,watch")]
    [InlineData("", "componentstatuses", "get,list")]
    [InlineData("", "bindings", "create")]
    [InlineData("authentication.k8s.io", "tokenreviews", "create")]
    [InlineData("authentication.k8s.io", "selfsubjectreviews", "create")]
    [InlineData("authorization.k8s.io", "subjectaccessreviews", "create")]
    [InlineData("authorization.k8s.io", "selfsubjectaccessreviews", "create")]
    [InlineData("authorization.k8s.io", "selfsubjectrulesreviews", "create")]
    [InlineData("authorization.k8s.io", "localsubjectaccessreviews", "create")]
    [InlineData("apps", "deployments", "create,delete,deletecollection,get,list,patch,update,watch")]
    public void Verbs_AreThoseUpstreamServes(string group, string plural, string verbs)
    {
        Assert.Equal(verbs.Split(','), Registry.Find(group, "v1", plural)!.Verbs);
    }

    [Theory]
    [InlineData("", "v1", "pods", "/registry/pods/")]
    [InlineData("", "v1", "nodes", "/registry/minions/")]
    [InlineData("", "v1", "services", "/registry/services/specs/")]
    [InlineData("", "v1", "endpoints", "/registry/services/endpoints/")]
    [InlineData("", "v1", "replicationcontrollers", "/registry/controllers/")]
    [InlineData("", "v1", "events", "/registry/events/")]
    [InlineData("events.k8s.io", "v1", "events", "/registry/events/")]
    [InlineData("networking.k8s.io", "v1", "ingresses", "/registry/ingress/")]
    [InlineData("apiextensions.k8s.io", "v1", "customresourcedefinitions", "/registry/apiextensions.k8s.io/customresourcedefinitions/")]
    [InlineData("apiregistration.k8s.io", "v1", "apiservices", "/registry/apiregistration.k8s.io/apiservices/")]
    [InlineData("autoscaling", "v2", "horizontalpodautoscalers", "/registry/horizontalpodautoscalers/")]
    [InlineData("autoscaling", "v1", "horizontalpodautoscalers", "/registry/horizontalpodautoscalers/")]
    [InlineData("policy", "v1", "poddisruptionbudgets", "/registry/poddisruptionbudgets/")]
    [InlineData("apps", "v1", "deployments", "/registry/deployments/")]
    public void StoragePrefix_FollowsUpstreamEtcdLayout(string group, string version, string plural, string prefix)
    {
        Assert.Equal(prefix, Registry.Find(group, version, plural)!.StoragePrefix);
    }

    [Fact]
    public void Autoscaling_PrefersV2_AndStoresBothVersionsInV2()
    {
        Assert.Equal("v2", Registry.PreferredVersion("autoscaling"));
        Assert.Equal(["v2", "v1"], Registry.VersionsOf("autoscaling"));
        Assert.All(Registry.All.Where(r => r.Group == "autoscaling"), r => Assert.Equal("v2", r.StorageVersion));
    }

    [Fact]
    public void EventsApiEvents_AreStoredAsCoreEvents()
    {
        var events = Registry.Find("events.k8s.io", "v1", "events")!;
        Assert.Equal("", events.StorageGroup);
        Assert.Equal(Registry.Find("", "v1", "events")!.StoragePrefix, events.StoragePrefix);
    }

    [Fact]
    public void VirtualResources_AreNotPersisted()
    {
        var virtualResources = Registry.All.Where(r => !r.Persisted).Select(r => r.Plural).Order();
        Assert.Equal(
            ["bindings", "componentstatuses", "localsubjectaccessreviews", "selfsubjectaccessreviews",
                "selfsubjectreviews", "selfsubjectrulesreviews", "subjectaccessreviews", "tokenreviews"],
            virtualResources);
    }

    [Fact]
    public void Lookups_AnswerEmptyForWhatIsNotServed()
    {
        Assert.Empty(Registry.ResourcesIn("apps", "v1beta1"));
        Assert.Empty(Registry.VersionsOf("extensions"));
        Assert.Null(Registry.PreferredVersion("extensions"));
        Assert.False(Registry.Serves("flowcontrol.apiserver.k8s.io", "v1beta3"));
    }

    [Fact]
    public void FindByKind_FindsEachVersionOfAKind()
    {
        Assert.Equal("v2", Registry.FindByKind("autoscaling", "v2", "HorizontalPodAutoscaler")!.Version);
        Assert.Equal("v1", Registry.FindByKind("autoscaling", "v1", "HorizontalPodAutoscaler")!.Version);
        Assert.Equal("events.k8s.io", Registry.FindByKind("events.k8s.io", "v1", "Event")!.Group);
    }
}
