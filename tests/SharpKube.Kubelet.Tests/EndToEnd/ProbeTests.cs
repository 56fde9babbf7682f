using k8s;
using k8s.Models;

namespace SharpKube.Kubelet.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed class ProbeTests(ClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFailingReadinessProbe_KeepsThePodNotReadyAndOutOfItsServicesEndpoints()
    {
        await cluster.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "probed" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "probed" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, "default", cancellationToken: Ct);
        await CreateAsync("ready", "probed", readyFile: "/tmp/ready", touchReady: true);
        await CreateAsync("unready", "probed", readyFile: "/tmp/ready", touchReady: false);
        try
        {
            var ready = await cluster.WaitForPodAsync("default", "ready", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.Ready == true, "ready is Ready");
            var unready = await cluster.WaitForPodAsync("default", "unready", p => p.Status?.Phase == "Running", "unready runs");

            await cluster.WaitUntilAsync(async () =>
            {
                var slices = await cluster.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=probed", cancellationToken: Ct);
                var endpoints = slices.Items.SelectMany(s => s.Endpoints ?? []).ToList();
                return endpoints.Any(e => e.Addresses.Contains(ready.Status.PodIP) && e.Conditions.Ready == true)
                    && !endpoints.Any(e => e.Addresses.Contains(unready.Status.PodIP) && e.Conditions.Ready == true);
            }, TimeSpan.FromSeconds(60), "only the ready pod is a ready endpoint");
            var stillUnready = await cluster.Client.CoreV1.ReadNamespacedPodAsync("unready", "default", cancellationToken: Ct);
            Assert.Contains(stillUnready.Status.Conditions, c => c.Type == "Ready" && c.Status == "False" && c.Reason == "ContainersNotReady");
            Assert.False(stillUnready.Status.ContainerStatuses.Single().Ready);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "ready", "unready", "--wait=true");
            await cluster.Kubectl.RunAsync("delete", "service", "probed");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task AFailingLivenessProbe_RestartsTheContainer()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "unhealthy" },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers =
                [
                    new V1Container
                    {
                        Name = "main", Image = "busybox:1.35", Command = ["sh", "-c", "touch /tmp/alive; sleep 3; rm /tmp/alive; sleep 3600"],
                        LivenessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["cat", "/tmp/alive"] }, PeriodSeconds = 1, FailureThreshold = 2 },
                    },
                ],
            },
        }, "default", cancellationToken: Ct);
        try
        {
            var pod = await cluster.WaitForPodAsync("default", "unhealthy", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.RestartCount >= 1,
                "the container was restarted after its liveness probe failed");
            Assert.NotNull(pod.Status.ContainerStatuses.Single().LastState.Terminated);
            var events = await cluster.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=unhealthy", "-o", "jsonpath={.items[*].message}");
            Assert.Contains("Liveness probe failed", events.Output, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "unhealthy", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    private Task CreateAsync(string name, string app, string readyFile, bool touchReady) =>
        cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = app } },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers =
                [
                    new V1Container
                    {
                        Name = "main", Image = "busybox:1.35",
                        Command = ["sh", "-c", (touchReady ? $"touch {readyFile}; " : "") + "sleep 3600"],
                        ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["cat", readyFile] }, PeriodSeconds = 1 },
                    },
                ],
            },
        }, "default", cancellationToken: Ct);
}
