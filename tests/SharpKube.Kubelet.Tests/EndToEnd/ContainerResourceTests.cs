using k8s;
using k8s.Models;

namespace SharpKube.Kubelet.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed class ContainerResourceTests(ClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResourceLimits_AppearInTheContainersCgroup()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "limited" },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers =
                [
                    new V1Container
                    {
                        Name = "main", Image = "busybox:1.35", Command = ["sleep", "3600"],
                        Resources = new V1ResourceRequirements
                        {
                            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("64Mi") },
                        },
                    },
                ],
            },
        }, "default", cancellationToken: Ct);
        try
        {
            var pod = await cluster.WaitForPodAsync("default", "limited", p => p.Status?.Phase == "Running", "limited runs");
            var id = pod.Status.ContainerStatuses.Single().ContainerID["containerd://".Length..];

            // Requests default to the limits: a Guaranteed pod, directly under /kubepods.
            Assert.Equal("Guaranteed", pod.Status.QosClass);
            var memory = $"/sys/fs/cgroup/memory/kubepods/pod{pod.Metadata.Uid}/{id}";
            var cpu = $"/sys/fs/cgroup/cpu/kubepods/pod{pod.Metadata.Uid}/{id}";
            Assert.Equal("67108864", (await File.ReadAllTextAsync(Path.Combine(memory, "memory.limit_in_bytes"), Ct)).Trim());
            Assert.Equal("50000", (await File.ReadAllTextAsync(Path.Combine(cpu, "cpu.cfs_quota_us"), Ct)).Trim());
            Assert.Equal("512", (await File.ReadAllTextAsync(Path.Combine(cpu, "cpu.shares"), Ct)).Trim());
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "limited", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task AContainerOverItsMemoryLimit_IsReportedOomKilled()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "hog" },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                TerminationGracePeriodSeconds = 1,
                Containers =
                [
                    new V1Container
                    {
                        Name = "main", Image = "busybox:1.35",
                        // Files in /dev/shm are memory charged to the container; dd is its main process, so the OOM kill ends it.
                        Command = ["sh", "-c", "exec dd if=/dev/zero of=/dev/shm/fill bs=1M count=48"],
                        Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("16Mi") } },
                    },
                ],
            },
        }, "default", cancellationToken: Ct);
        try
        {
            // containerd may handle the kill's exit before its OOM event, reporting Error first and OOMKilled once the event
            // lands; the kubelet's next sync of the finished pod carries the corrected reason.
            var pod = await cluster.WaitForPodAsync("default", "hog",
                p => p.Status?.Phase == "Failed" && p.Status.ContainerStatuses?.SingleOrDefault()?.State?.Terminated?.Reason == "OOMKilled",
                "hog fails, OOMKilled");

            var terminated = pod.Status.ContainerStatuses.Single().State.Terminated;
            Assert.Equal("OOMKilled", terminated.Reason);
            Assert.Equal(137, terminated.ExitCode);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "hog", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }
}
