using SharpKube.Client.Discovery;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests.Discovery;

public sealed class ApiDiscoveryTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task ServerPreferredResources_ListsCoreAndGroupResourcesWithTheirVerbs_WithoutSubresources()
    {
        var resources = await new ApiDiscovery(fixture.Client).ServerPreferredResourcesAsync(TestContext.Current.CancellationToken);

        var pods = Assert.Single(resources, r => r.Resource is { Group: "", Plural: "pods" });
        Assert.Equal(("v1", "Pod", true), (pods.Resource.Version, pods.Resource.Kind, pods.Resource.Namespaced));
        Assert.True(pods.Supports("list", "watch", "delete"));
        var replicaSets = Assert.Single(resources, r => r.Resource is { Group: "apps", Plural: "replicasets" });
        Assert.Equal("v1", replicaSets.Resource.Version);
        Assert.Single(resources, r => r.Resource is { Group: "rbac.authorization.k8s.io", Plural: "clusterroles", Namespaced: false });
        Assert.DoesNotContain(resources, r => r.Resource.Plural.Contains('/', StringComparison.Ordinal));
    }
}
