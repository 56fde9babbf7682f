using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>The <c>namespaces/{name}/finalize</c> subresource, which the namespace controller (and people unsticking a namespace) write.</summary>
public sealed class NamespaceFinalizeTests(WithoutNamespaceFinalizerFixture fixture) : IClassFixture<WithoutNamespaceFinalizerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplaceRawFinalize_WithNoFinalizers_RemovesATerminatingNamespace()
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "finalize-stuck" } }, cancellationToken: Ct);
        await fixture.Client.CoreV1.DeleteNamespaceAsync("finalize-stuck", cancellationToken: Ct);
        var stuck = await fixture.Client.CoreV1.ReadNamespaceAsync("finalize-stuck", cancellationToken: Ct);
        Assert.Equal("Terminating", stuck.Status.Phase);
        Assert.Equal(["kubernetes"], stuck.Spec.Finalizers);
        stuck.Spec.Finalizers = [];
        var body = Path.Combine(fixture.DataDir, "finalize-stuck.json");
        await File.WriteAllTextAsync(body, KubernetesJson.Serialize(stuck), Ct);

        var result = await fixture.Kubectl.RunAsync("replace", "--raw", "/api/v1/namespaces/finalize-stuck/finalize", "-f", body);

        Assert.True(result.ExitCode == 0, result.Error);
        var get = await fixture.Kubectl.RunAsync("get", "namespace", "finalize-stuck");
        Assert.Equal("Error from server (NotFound): namespaces \"finalize-stuck\" not found\n", get.Error);
    }

    [Fact]
    public async Task Finalize_OfAnActiveNamespace_ChangesOnlyItsFinalizers()
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = "finalize-active", Labels = new Dictionary<string, string> { ["team"] = "a" } },
        }, cancellationToken: Ct);
        var active = await fixture.Client.CoreV1.ReadNamespaceAsync("finalize-active", cancellationToken: Ct);
        active.Spec.Finalizers = [];
        active.Metadata.Labels["team"] = "b";

        var finalized = await fixture.Client.CoreV1.ReplaceNamespaceFinalizeAsync(active, "finalize-active", cancellationToken: Ct);

        var stored = await fixture.Client.CoreV1.ReadNamespaceAsync("finalize-active", cancellationToken: Ct);
        Assert.Empty(stored.Spec.Finalizers ?? []);
        Assert.Equal("a", stored.Metadata.Labels["team"]);
        Assert.Equal("Active", stored.Status.Phase);
        Assert.Equal(stored.Metadata.ResourceVersion, finalized.Metadata.ResourceVersion);
    }
}
