using k8s;
using k8s.Models;

namespace SharpKube.Cli.Tests.Commands;

public sealed class ServerTolerationSecondsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_WithDefaultTolerationSecondsFlags_GivesPodsTolerationsOfThoseSeconds()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-tolerations-").FullName;
        try
        {
            using var server = await ServerProcess.StartAsync(dataDir,
                "--default-not-ready-toleration-seconds", "45", "--default-unreachable-toleration-seconds", "90");
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dataDir, "admin.kubeconfig")));

            var pod = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "p" },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox:1.35" }] },
            }, "default", cancellationToken: Ct);

            Assert.Equal([("node.kubernetes.io/not-ready", 45L), ("node.kubernetes.io/unreachable", 90L)],
                pod.Spec.Tolerations.Select(t => (t.Key, t.TolerationSeconds ?? -1)));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
