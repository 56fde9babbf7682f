using k8s;
using k8s.Models;

namespace SharpKube.Cli.Tests.Commands;

public sealed class ServerSchedulerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_RunsTheSchedulerAsItsOwnUser_SoPodsAreBoundToNodes()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-sched-").FullName;
        try
        {
            using var server = await ServerProcess.StartAsync(dataDir);
            using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dataDir, "admin.kubeconfig")));
            await SchedulerNodes.CreateAsync(admin, "node-a");

            await admin.CoreV1.CreateNamespacedPodAsync(SchedulerNodes.Pod("web"), "default", cancellationToken: Ct);

            await Eventually.TrueAsync(async () => (await admin.CoreV1.ReadNamespacedPodAsync("web", "default", cancellationToken: Ct)).Spec.NodeName == "node-a",
                "the in-process scheduler bound the pod");
            using var scheduler = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dataDir, "scheduler.kubeconfig")));
            var review = await scheduler.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview(), cancellationToken: Ct);
            Assert.Equal("system:kube-scheduler", review.Status.UserInfo.Username);
            var lease = await admin.CoordinationV1.ReadNamespacedLeaseAsync("kube-scheduler", "kube-system", cancellationToken: Ct);
            Assert.False(string.IsNullOrEmpty(lease.Spec.HolderIdentity));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Server_WithTheSchedulerDisabled_LeavesPodsPending()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-nosched-").FullName;
        try
        {
            using var server = await ServerProcess.StartAsync(dataDir, "--disable", "scheduler");
            using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dataDir, "admin.kubeconfig")));
            await SchedulerNodes.CreateAsync(admin, "node-a");
            await admin.CoreV1.CreateNamespacedPodAsync(SchedulerNodes.Pod("web"), "default", cancellationToken: Ct);

            // The controller manager, started alongside, takes its Lease; a scheduler would have taken its own by then.
            await Eventually.TrueAsync(async () => (await admin.CoordinationV1.ListNamespacedLeaseAsync("kube-system", cancellationToken: Ct)).Items
                .Any(l => l.Metadata.Name == "kube-controller-manager" && !string.IsNullOrEmpty(l.Spec.HolderIdentity)), "the controller manager leads");

            Assert.DoesNotContain((await admin.CoordinationV1.ListNamespacedLeaseAsync("kube-system", cancellationToken: Ct)).Items,
                l => l.Metadata.Name == "kube-scheduler");
            Assert.False(File.Exists(Path.Combine(dataDir, "scheduler.kubeconfig")));
            Assert.True(string.IsNullOrEmpty((await admin.CoreV1.ReadNamespacedPodAsync("web", "default", cancellationToken: Ct)).Spec.NodeName));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
