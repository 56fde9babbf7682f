using System.Globalization;
using k8s;
using k8s.Models;
using SharpKube.Kubelet.Containerd;

namespace SharpKube.Kubelet.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed class NodeRestartTests(ClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RestartingTheServer_LeavesRunningPodsRunning_WithTheSameContainers()
    {
        await CreateSleeperAsync("survivor");
        try
        {
            var before = await cluster.WaitForPodAsync("default", "survivor", p => p.Status?.Phase == "Running", "survivor runs");
            var containerId = before.Status.ContainerStatuses.Single().ContainerID;

            await cluster.StopServerAsync();
            await cluster.StartServerAsync();

            await cluster.WaitUntilAsync(async () =>
            {
                var ready = await cluster.Kubectl.RunAsync("get", "node", ClusterFixture.NodeName, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
                return ready.Output == "True";
            }, TimeSpan.FromSeconds(90), "the node is Ready again");
            var after = await cluster.WaitForPodAsync("default", "survivor", p => p.Status?.Phase == "Running", "survivor still runs");
            var status = after.Status.ContainerStatuses.Single();
            Assert.Equal(containerId, status.ContainerID);
            Assert.Equal(0, status.RestartCount);
            Assert.True(status.Ready);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "survivor", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task KillingContainerd_LeavesPodsRunning_AndNewPodsStartOnceItIsBack()
    {
        await CreateSleeperAsync("before-kill");
        try
        {
            var before = await cluster.WaitForPodAsync("default", "before-kill", p => p.Status?.Phase == "Running", "before-kill runs");
            var pidFile = new ContainerdConfig(Path.Combine(cluster.DataDir, "agent")).PidFilePath;
            var pid = int.Parse((await File.ReadAllTextAsync(pidFile, Ct)).Trim(), CultureInfo.InvariantCulture);

            ContainerdProcess.Signal(pid, ContainerdProcess.SigKill);

            await CreateSleeperAsync("after-kill");
            await cluster.WaitForPodAsync("default", "after-kill", p => p.Status?.Phase == "Running", "a new pod runs once containerd is back");
            var still = await cluster.Client.CoreV1.ReadNamespacedPodAsync("before-kill", "default", cancellationToken: Ct);
            Assert.Equal(before.Status.ContainerStatuses.Single().ContainerID, still.Status.ContainerStatuses.Single().ContainerID);
            Assert.Equal("Running", still.Status.Phase);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "before-kill", "after-kill", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    private Task CreateSleeperAsync(string name) =>
        cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers = [new V1Container { Name = "main", Image = "busybox:1.35", Command = ["sleep", "3600"] }],
            },
        }, "default", cancellationToken: Ct);
}
