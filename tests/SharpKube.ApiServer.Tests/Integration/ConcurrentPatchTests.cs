using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// A patch that does not set <c>metadata.resourceVersion</c> is not conditional: the server retries it on a
/// concurrent write, as upstream does, instead of answering 409 Conflict.
/// </summary>
public sealed class ConcurrentPatchTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentPatches_WithoutResourceVersion_AllSucceed()
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "concurrent-patch" } },
            cancellationToken: Ct);
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "shared" } },
            "concurrent-patch", cancellationToken: Ct);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch($"{{\"metadata\":{{\"labels\":{{\"writer-{i}\":\"yes\"}}}}}}", V1Patch.PatchType.MergePatch),
            "shared", "concurrent-patch", cancellationToken: Ct)));

        var shared = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("shared", "concurrent-patch", cancellationToken: Ct);
        Assert.Equal(40, shared.Metadata.Labels.Count);
    }

    [Fact]
    public async Task ConcurrentScalePatches_AllSucceed()
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "concurrent-scale" } },
            cancellationToken: Ct);
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox:1.35" }] },
                },
            },
        }, "concurrent-scale", cancellationToken: Ct);

        // kubectl scale sends exactly this merge patch; a controller writing meanwhile must not make it fail.
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => fixture.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch($"{{\"spec\":{{\"replicas\":{i}}}}}", V1Patch.PatchType.MergePatch), "web", "concurrent-scale", cancellationToken: Ct)));

        var web = await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", "concurrent-scale", cancellationToken: Ct);
        Assert.InRange(web.Spec.Replicas ?? 0, 1, 30);
        Assert.InRange(web.Metadata.Generation ?? 0, 30, 31);
    }

    [Fact]
    public async Task Patch_WithAStaleResourceVersion_IsAConflict()
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "stale-patch" } },
            cancellationToken: Ct);
        var created = await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } },
            "stale-patch", cancellationToken: Ct);
        await fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"1"}}""", V1Patch.PatchType.MergePatch),
            "cm", "stale-patch", cancellationToken: Ct);

        var stale = $"{{\"metadata\":{{\"resourceVersion\":\"{created.Metadata.ResourceVersion}\"}},\"data\":{{\"b\":\"2\"}}}}";
        var e = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch(stale, V1Patch.PatchType.MergePatch), "cm", "stale-patch", cancellationToken: Ct));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, e.Response.StatusCode);
    }
}
