using k8s;
using k8s.Models;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.ServiceAccount;

public sealed class ServiceAccountControllerTests(WithoutNamespaceFinalizerFixture fixture) : IClassFixture<WithoutNamespaceFinalizerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewNamespace_GetsADefaultServiceAccount_AndTheBootstrapNamespacesToo()
    {
        await using var controllers = RunningControllers.Start(fixture, "serviceaccount");
        var ns = await fixture.NamespaceAsync("sa-new");

        await Eventually.TrueAsync(async () => await DefaultAsync(ns) is not null, "the new namespace has a default ServiceAccount");
        foreach (var bootstrap in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Assert.NotNull(await DefaultAsync(bootstrap));
        }
    }

    [Fact]
    public async Task DeletedDefaultServiceAccount_IsCreatedAgain()
    {
        await using var controllers = RunningControllers.Start(fixture, "serviceaccount");
        var ns = await fixture.NamespaceAsync("sa-recreated");
        await Eventually.TrueAsync(async () => await DefaultAsync(ns) is not null, "the namespace has a default ServiceAccount");
        var first = (await DefaultAsync(ns))!.Metadata.Uid;

        await fixture.Client.CoreV1.DeleteNamespacedServiceAccountAsync("default", ns, cancellationToken: Ct);

        await Eventually.TrueAsync(async () => await DefaultAsync(ns) is { } again && again.Metadata.Uid != first,
            "a new default ServiceAccount replaces the deleted one");
    }

    [Fact]
    public async Task TerminatingNamespace_DoesNotGetItsDefaultServiceAccountBack()
    {
        await using var controllers = RunningControllers.Start(fixture, "serviceaccount");
        var ns = await fixture.NamespaceAsync("sa-terminating");
        await Eventually.TrueAsync(async () => await DefaultAsync(ns) is not null, "the namespace has a default ServiceAccount");
        // Without the namespace controller (nor the API server's stopgap) the namespace stays Terminating.
        await fixture.Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: Ct);
        await fixture.Client.CoreV1.DeleteNamespacedServiceAccountAsync("default", ns, cancellationToken: Ct);

        // A namespace created afterwards getting its account shows the controller has handled later events.
        var later = await fixture.NamespaceAsync("sa-after-terminating");
        await Eventually.TrueAsync(async () => await DefaultAsync(later) is not null, "the later namespace has a default ServiceAccount");
        Assert.Null(await DefaultAsync(ns));
        Assert.Equal("Terminating", (await fixture.Client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: Ct)).Status.Phase);
    }

    private async Task<V1ServiceAccount?> DefaultAsync(string ns) =>
        (await fixture.Client.CoreV1.ListNamespacedServiceAccountAsync(ns, cancellationToken: Ct)).Items.FirstOrDefault(sa => sa.Metadata.Name == "default");
}
