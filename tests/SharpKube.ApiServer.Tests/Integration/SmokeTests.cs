using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class SmokeTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task KubernetesClient_CreatesAndReadsAConfigMap()
    {
        var created = await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "smoke" },
            Data = new Dictionary<string, string> { ["a"] = "b" },
        }, "default", cancellationToken: TestContext.Current.CancellationToken);

        var read = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("smoke", "default", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal("b", read.Data["a"]);
    }

    [Fact]
    public async Task Kubectl_GetNamespaces_ListsTheBootstrapNamespaces()
    {
        var result = (await fixture.Kubectl.RunAsync("get", "namespaces")).EnsureSuccess();

        Assert.Contains("kube-system", result.Output, StringComparison.Ordinal);
        Assert.Contains("kube-node-lease", result.Output, StringComparison.Ordinal);
    }
}
