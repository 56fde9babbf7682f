using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiServer.Registry;
using SharpKube.ApiServer.Registry.Pods;

namespace SharpKube.ApiServer.Tests.Registry;

public sealed class StrategyCatalogTests
{
    [Fact]
    public void For_EveryBuiltInResource_FindsAStrategy()
    {
        foreach (var resource in BuiltInResources.All)
        {
            Assert.NotNull(StrategyCatalog.For(resource));
        }
        Assert.Same(PodStrategy.Instance, StrategyCatalog.For("", "Pod"));
        Assert.Same(ResourceStrategy.Default, StrategyCatalog.For("example.com", "Widget"));
    }

    [Theory]
    [InlineData("", "Pod", true, false)]
    [InlineData("", "Service", true, false)]
    [InlineData("", "Namespace", true, false)]
    [InlineData("", "Node", true, false)]
    [InlineData("", "ConfigMap", false, false)]
    [InlineData("", "Secret", false, false)]
    [InlineData("", "ReplicationController", true, true)]
    [InlineData("apps", "Deployment", true, true)]
    [InlineData("apps", "StatefulSet", true, true)]
    [InlineData("apps", "DaemonSet", true, true)]
    [InlineData("apps", "ReplicaSet", true, true)]
    [InlineData("batch", "Job", true, true)]
    [InlineData("batch", "CronJob", true, true)]
    [InlineData("autoscaling", "HorizontalPodAutoscaler", true, true)]
    [InlineData("policy", "PodDisruptionBudget", true, true)]
    [InlineData("networking.k8s.io", "Ingress", true, true)]
    [InlineData("networking.k8s.io", "NetworkPolicy", false, true)]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", true, true)]
    [InlineData("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", false, true)]
    [InlineData("discovery.k8s.io", "EndpointSlice", false, true)]
    public void For_Kind_HasUpstreamsStatusAndGenerationFlags(string group, string kind, bool status, bool generation)
    {
        var strategy = StrategyCatalog.For(group, kind);

        Assert.Equal(status, strategy.HasStatusSubresource);
        Assert.Equal(generation, strategy.TracksGeneration);
    }
}
