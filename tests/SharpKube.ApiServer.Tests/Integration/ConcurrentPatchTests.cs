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
