using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Writes racing other writes to the same object: only a resourceVersion the client sent makes them conditional.</summary>
public sealed class ConcurrentWriteTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PatchesWithoutAResourceVersion_RacingEachOther_AllApply()
    {
        var ns = await CreateNamespaceAsync("concurrent-patches");
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "shared" } }, ns,
            cancellationToken: Ct);

        // A controller writing status while a user scales is this race; neither may see a 409.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch($"{{\"data\":{{\"key{i}\":\"{i}\"}}}}", V1Patch.PatchType.MergePatch), "shared", ns, cancellationToken: Ct)));

        var shared = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("shared", ns, cancellationToken: Ct);
        Assert.Equal(24, shared.Data.Count);
    }

    [Fact]
    public async Task PatchCarryingAStaleResourceVersion_IsRefusedWithConflict()
    {
        var ns = await CreateNamespaceAsync("stale-patch");
        var created = await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "shared" } },
            ns, cancellationToken: Ct);
        await fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"a\":\"1\"}}", V1Patch.PatchType.MergePatch), "shared", ns,
            cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch($"{{\"metadata\":{{\"resourceVersion\":\"{created.Metadata.ResourceVersion}\"}},\"data\":{{\"b\":\"2\"}}}}",
                V1Patch.PatchType.MergePatch), "shared", ns, cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    private async Task<string> CreateNamespaceAsync(string name)
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: Ct);
        return name;
    }
}
