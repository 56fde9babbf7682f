using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.ApiMachinery.Discovery;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Tests.Discovery;

public sealed class AggregatedDiscoveryTests
{
    private static readonly DiscoveryDocuments Documents = DiscoveryDocuments.BuiltIn;

    [Fact]
    public void Groups_DescribeDeploymentsForKubectl()
    {
        var list = Parse(Documents.AggregatedGroups(AggregatedDiscoveryVersion.V2));
        var apps = list.Items.Single(i => i.Metadata.Name == "apps");
        var v1 = Assert.Single(apps.Versions);
        Assert.Equal(("v1", "Current"), (v1.Version, v1.Freshness));
        var deployments = v1.Resources.Single(r => r.Resource == "deployments");
        Assert.Equal(("deployment", "Namespaced", "Deployment"), (deployments.SingularResource, deployments.Scope, deployments.ResponseKind.Kind));
        Assert.Equal(["deploy"], deployments.ShortNames);
        Assert.Equal(["all"], deployments.Categories);
        var scale = deployments.Subresources.Single(s => s.Subresource == "scale");
        Assert.Equal(("autoscaling", "v1", "Scale"), (scale.ResponseKind.Group, scale.ResponseKind.Version, scale.ResponseKind.Kind));
        Assert.Equal(["get", "patch", "update"], scale.Verbs);
    }

    [Fact]
    public void Groups_ListEveryNamedGroupInDiscoveryOrder_PreferredVersionFirst()
    {
        var list = Parse(Documents.AggregatedGroups(AggregatedDiscoveryVersion.V2));
        Assert.Equal(ResourceRegistry.BuiltIn.Groups.Where(g => g.Length > 0), list.Items.Select(i => i.Metadata.Name));
        var autoscaling = list.Items.Single(i => i.Metadata.Name == "autoscaling");
        Assert.Equal(["v2", "v1"], autoscaling.Versions.Select(v => v.Version));
    }

    [Fact]
    public void Core_IsOneItemNamedEmpty_WithPodSubresources()
    {
        var list = Parse(Documents.AggregatedCore(AggregatedDiscoveryVersion.V2));
        var core = Assert.Single(list.Items);
        Assert.Equal("", core.Metadata.Name);
        var pods = Assert.Single(core.Versions).Resources.Single(r => r.Resource == "pods");
        var eviction = pods.Subresources.Single(s => s.Subresource == "eviction");
        Assert.Equal(("policy", "v1", "Eviction"), (eviction.ResponseKind.Group, eviction.ResponseKind.Version, eviction.ResponseKind.Kind));
        var status = pods.Subresources.Single(s => s.Subresource == "status");
        Assert.Equal(("", "", "Pod"), (status.ResponseKind.Group, status.ResponseKind.Version, status.ResponseKind.Kind));
        var namespaces = core.Versions[0].Resources.Single(r => r.Resource == "namespaces");
        Assert.Equal("Cluster", namespaces.Scope);
    }

    [Fact]
    public void V2_IsServedWithItsExactContentType()
    {
        var document = Documents.AggregatedGroups(AggregatedDiscoveryVersion.V2);
        Assert.Equal(DiscoveryMediaTypes.AggregatedV2, document.ContentType);
        using var json = JsonDocument.Parse(document.Body);
        Assert.Equal("APIGroupDiscoveryList", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("apidiscovery.k8s.io/v2", json.RootElement.GetProperty("apiVersion").GetString());
    }

    [Fact]
    public void V2Beta1_CarriesItsOwnApiVersionAndContentType()
    {
        var document = Documents.AggregatedCore(AggregatedDiscoveryVersion.V2Beta1);
        Assert.Equal(DiscoveryMediaTypes.AggregatedV2Beta1, document.ContentType);
        var list = KubernetesJson.Deserialize<V2beta1APIGroupDiscoveryList>(Encoding.UTF8.GetString(document.Body));
        Assert.Equal("apidiscovery.k8s.io/v2beta1", list.ApiVersion);
        Assert.NotEmpty(list.Items[0].Versions[0].Resources);
    }

    [Fact]
    public void Documents_AreBuiltOnce()
    {
        Assert.Same(
            Documents.AggregatedGroups(AggregatedDiscoveryVersion.V2).Body,
            Documents.AggregatedGroups(AggregatedDiscoveryVersion.V2).Body);
        Assert.NotEqual(
            Documents.AggregatedGroups(AggregatedDiscoveryVersion.V2).ETag,
            Documents.AggregatedCore(AggregatedDiscoveryVersion.V2).ETag);
    }

    private static V2APIGroupDiscoveryList Parse(DiscoveryDocument document) =>
        KubernetesJson.Deserialize<V2APIGroupDiscoveryList>(Encoding.UTF8.GetString(document.Body));
}
