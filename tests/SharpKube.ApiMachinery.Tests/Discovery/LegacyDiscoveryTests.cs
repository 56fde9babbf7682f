using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.ApiMachinery.Discovery;

namespace SharpKube.ApiMachinery.Tests.Discovery;

public sealed class LegacyDiscoveryTests
{
    private static readonly DiscoveryDocuments Documents = DiscoveryDocuments.BuiltIn;

    [Fact]
    public void CoreResourceList_ListsPodEvictionAsPolicyV1_SoDrainEvicts()
    {
        var list = ResourceList("", "v1");
        var eviction = list.Resources.Single(r => r.Name == "pods/eviction");
        Assert.Equal(("policy", "v1", "Eviction", true), (eviction.Group, eviction.Version, eviction.Kind, eviction.Namespaced));
        Assert.Equal(["create"], eviction.Verbs);
    }

    [Fact]
    public void CoreResourceList_HasNoApiVersion_LikeUpstream()
    {
        Assert.True(Documents.TryGetResourceList("", "v1", out var core));
        using var json = JsonDocument.Parse(core.Body);
        Assert.False(json.RootElement.TryGetProperty("apiVersion", out _));
        Assert.Equal("v1", json.RootElement.GetProperty("groupVersion").GetString());
        Assert.Equal(DiscoveryMediaTypes.Json, core.ContentType);
    }

    [Fact]
    public void AppsResourceList_DescribesDeploymentsAndTheirSubresources()
    {
        var list = ResourceList("apps", "v1");
        Assert.Equal("apps/v1", list.GroupVersion);
        var deployments = list.Resources.Single(r => r.Name == "deployments");
        Assert.Equal(("deployment", "Deployment", true), (deployments.SingularName, deployments.Kind, deployments.Namespaced));
        Assert.Equal(["deploy"], deployments.ShortNames);
        Assert.Equal(["all"], deployments.Categories);
        var scale = list.Resources.Single(r => r.Name == "deployments/scale");
        Assert.Equal(("autoscaling", "v1", "Scale", ""), (scale.Group, scale.Version, scale.Kind, scale.SingularName));
        var status = list.Resources.Single(r => r.Name == "deployments/status");
        Assert.Null(status.Group);
    }

    [Fact]
    public void ResourceListEntries_AreSortedByName()
    {
        foreach (var (group, version) in SharpKube.ApiMachinery.Registry.ResourceRegistry.BuiltIn.GroupVersions)
        {
            var names = ResourceList(group, version).Resources.Select(r => r.Name).ToArray();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
        }
    }

    [Theory]
    [InlineData("", "pods", "xPOwRZ+Yhw8=")]
    [InlineData("", "services", "0/CO1lhkEBI=")]
    [InlineData("", "nodes", "XwShjMxG9Fs=")]
    [InlineData("", "events", "r2yiGXH7wu8=")]
    [InlineData("events.k8s.io", "events", "r2yiGXH7wu8=")]
    [InlineData("apps", "deployments", "8aSe+NMegvE=")]
    [InlineData("batch", "cronjobs", "sd5LIXh4Fjs=")]
    [InlineData("autoscaling", "horizontalpodautoscalers", "qwQve8ut294=")]
    [InlineData("networking.k8s.io", "ingresses", "39NQlfNR+bo=")]
    [InlineData("storage.k8s.io", "csistoragecapacities", "xeVl+2Ly1kE=")]
    [InlineData("admissionregistration.k8s.io", "validatingadmissionpolicies", "6OxvlMmQ6is=")]
    [InlineData("apiregistration.k8s.io", "apiservices", "InPBPD7+PqM=")]
    [InlineData("rbac.authorization.k8s.io", "clusterroles", "bYE5ZWDrJ44=")]
    [InlineData("flowcontrol.apiserver.k8s.io", "flowschemas", "GJVAJZSZBIw=")]
    public void StorageVersionHashes_MatchThoseKubeApiserverPublishes(string group, string plural, string hash)
    {
        foreach (var version in SharpKube.ApiMachinery.Registry.ResourceRegistry.BuiltIn.VersionsOf(group))
        {
            Assert.Equal(hash, ResourceList(group, version).Resources.Single(r => r.Name == plural).StorageVersionHash);
        }
    }

    [Fact]
    public void StorageVersionHashes_KeepPlusSignsUnescaped()
    {
        Assert.True(Documents.TryGetResourceList("", "v1", out var core));
        Assert.Contains("\"storageVersionHash\":\"xPOwRZ+Yhw8=\"", System.Text.Encoding.UTF8.GetString(core.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void VirtualResources_HaveNoStorageVersionHash()
    {
        var list = ResourceList("", "v1");
        Assert.Null(list.Resources.Single(r => r.Name == "bindings").StorageVersionHash);
        Assert.Null(list.Resources.Single(r => r.Name == "componentstatuses").StorageVersionHash);
    }

    [Fact]
    public void ApiGroupList_ExcludesCore_AndNamesEachPreferredVersion()
    {
        var groups = KubernetesJson.Deserialize<V1APIGroupList>(System.Text.Encoding.UTF8.GetString(Documents.ApiGroupList.Body));
        Assert.Equal("APIGroupList", groups.Kind);
        Assert.DoesNotContain(groups.Groups, g => g.Name.Length == 0);
        Assert.Equal("apiregistration.k8s.io", groups.Groups[0].Name);
        var autoscaling = groups.Groups.Single(g => g.Name == "autoscaling");
        Assert.Equal(["autoscaling/v2", "autoscaling/v1"], autoscaling.Versions.Select(v => v.GroupVersion));
        Assert.Equal("autoscaling/v2", autoscaling.PreferredVersion.GroupVersion);
    }

    [Fact]
    public void ApiGroup_DescribesOneGroup()
    {
        Assert.True(Documents.TryGetApiGroup("apps", out var apps));
        var group = KubernetesJson.Deserialize<V1APIGroup>(System.Text.Encoding.UTF8.GetString(apps.Body));
        Assert.Equal(("APIGroup", "apps", "apps/v1"), (group.Kind, group.Name, group.PreferredVersion.GroupVersion));
        Assert.False(Documents.TryGetApiGroup("", out _));
    }

    [Fact]
    public void ApiVersions_TellsClientsWhereTheServerIs()
    {
        var document = Documents.ApiVersions("10.0.0.5:6443");
        var versions = KubernetesJson.Deserialize<V1APIVersions>(System.Text.Encoding.UTF8.GetString(document.Body));
        Assert.Equal(["v1"], versions.Versions);
        var address = Assert.Single(versions.ServerAddressByClientCIDRs);
        Assert.Equal(("0.0.0.0/0", "10.0.0.5:6443"), (address.ClientCIDR, address.ServerAddress));
    }

    [Fact]
    public void UnservedGroupVersions_HaveNoResourceList()
    {
        Assert.False(Documents.TryGetResourceList("apps", "v1beta2", out _));
        Assert.False(Documents.TryGetResourceList("", "v2", out _));
    }

    [Fact]
    public void Documents_CarryTheETagOfTheirBody()
    {
        Assert.True(Documents.TryGetResourceList("apps", "v1", out var apps));
        Assert.Equal(EntityTag.For(apps.Body), apps.ETag);
        Assert.StartsWith("\"", apps.ETag, StringComparison.Ordinal);
        Assert.NotEqual(Documents.ApiGroupList.ETag, apps.ETag);
    }

    private static V1APIResourceList ResourceList(string group, string version)
    {
        Assert.True(Documents.TryGetResourceList(group, version, out var document));
        return KubernetesJson.Deserialize<V1APIResourceList>(System.Text.Encoding.UTF8.GetString(document.Body));
    }
}
