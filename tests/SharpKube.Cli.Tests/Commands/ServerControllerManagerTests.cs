using k8s;
using k8s.Models;

namespace SharpKube.Cli.Tests.Commands;

public sealed class ServerControllerManagerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_RunsTheControllerManagerAsItsOwnUser_SoNewNamespacesGetADefaultServiceAccount_AndDeletedOnesGo()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-cm-").FullName;
        try
        {
            using var server = await ServerProcess.StartAsync(dataDir);
            using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dataDir, "admin.kubeconfig")));
            await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } }, cancellationToken: Ct);
            await admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } }, "team-a", cancellationToken: Ct);

            await Eventually.TrueAsync(async () => (await admin.CoreV1.ListNamespacedServiceAccountAsync("team-a", cancellationToken: Ct)).Items
                .Any(sa => sa.Metadata.Name == "default"), "the new namespace has a default ServiceAccount");

            using var controllerManager = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(
                Path.Combine(dataDir, "controller-manager.kubeconfig")));
            var review = await controllerManager.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview(), cancellationToken: Ct);
            Assert.Equal("system:kube-controller-manager", review.Status.UserInfo.Username);
            var lease = await admin.CoordinationV1.ReadNamespacedLeaseAsync("kube-controller-manager", "kube-system", cancellationToken: Ct);
            Assert.False(string.IsNullOrEmpty(lease.Spec.HolderIdentity));

            // The namespace controller, not the API server's stopgap, empties and finalizes a deleted namespace.
            await admin.CoreV1.DeleteNamespaceAsync("team-a", cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await admin.CoreV1.ListNamespaceAsync(cancellationToken: Ct)).Items.All(n => n.Metadata.Name != "team-a"),
                "the deleted namespace is gone");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Server_WithTheControllerManagerDisabled_RunsNoControllers_ButStillEmptiesDeletedNamespaces()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-nocm-").FullName;
        try
        {
            using var server = await ServerProcess.StartAsync(dataDir, "--disable", "controller-manager");
            using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dataDir, "admin.kubeconfig")));
            await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-b" } }, cancellationToken: Ct);
            await admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } }, "team-b", cancellationToken: Ct);

            await admin.CoreV1.DeleteNamespaceAsync("team-b", cancellationToken: Ct);

            await Eventually.TrueAsync(async () => (await admin.CoreV1.ListNamespaceAsync(cancellationToken: Ct)).Items.All(n => n.Metadata.Name != "team-b"),
                "the deleted namespace is gone");
            Assert.Empty((await admin.CoreV1.ListServiceAccountForAllNamespacesAsync(cancellationToken: Ct)).Items);
            Assert.False(File.Exists(Path.Combine(dataDir, "controller-manager.kubeconfig")));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
