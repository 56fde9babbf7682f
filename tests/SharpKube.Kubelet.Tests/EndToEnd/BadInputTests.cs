using k8s;
using k8s.Models;

namespace SharpKube.Kubelet.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACommandThatDoesNotExist_IsReportedAndRetriedWithBackoff()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "nocommand" },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers = [new V1Container { Name = "main", Image = "busybox:1.35", Command = ["/no/such/program"] }],
            },
        }, "default", cancellationToken: Ct);
        try
        {
            var pod = await cluster.WaitForPodAsync("default", "nocommand",
                p => p.Status?.ContainerStatuses?.FirstOrDefault() is { } s && (s.LastState?.Terminated is not null || s.State?.Terminated is not null),
                "the failed start is reported");
            var status = pod.Status.ContainerStatuses.Single();
            var terminated = status.LastState?.Terminated ?? status.State.Terminated;
            Assert.NotEqual(0, terminated.ExitCode);
            Assert.Contains("no/such/program", terminated.Message ?? "", StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "nocommand", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task AHostPathDirectoryThatDoesNotExist_WaitsWithAFailedMountEvent()
    {
        var missing = "/tmp/skx-missing-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "nohostpath" },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Volumes = [new V1Volume { Name = "data", HostPath = new V1HostPathVolumeSource { Path = missing, Type = "Directory" } }],
                Containers = [new V1Container { Name = "main", Image = "busybox:1.35", Command = ["sleep", "3600"],
                    VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }] }],
            },
        }, "default", cancellationToken: Ct);
        try
        {
            await cluster.WaitUntilAsync(async () =>
            {
                var events = await cluster.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=nohostpath", "-o",
                    "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}");
                return events.Output.Contains($"FailedMount: MountVolume.SetUp failed for volume \"data\" : hostPath type check failed: {missing} is not a directory",
                    StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(60), "a FailedMount event names the missing directory");
            var pod = await cluster.Client.CoreV1.ReadNamespacedPodAsync("nohostpath", "default", cancellationToken: Ct);
            Assert.Equal("Pending", pod.Status.Phase);
            Assert.False(Directory.Exists(missing), "the kubelet did not create it");
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "nohostpath", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }
}
