using k8s;
using k8s.Models;

namespace SharpKube.Kubelet.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed class PodRunTests(ClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KubectlRun_ABusyboxPod_RunsWithAPodIpReachableFromTheNode()
    {
        (await cluster.Kubectl.RunAsync("run", "web", "--image=busybox:1.35", "--", "sh", "-c",
            "echo hello-from-pod > /tmp/index.html && exec httpd -f -p 8080 -h /tmp")).EnsureSuccess();
        try
        {
            var pod = await cluster.WaitForPodAsync("default", "web", p => p.Status?.Phase == "Running" && p.Status.PodIP is not null, "web is Running");

            Assert.StartsWith("10.42.", pod.Status.PodIP, StringComparison.Ordinal);
            var status = Assert.Single(pod.Status.ContainerStatuses);
            Assert.True(status.Ready);
            Assert.NotNull(status.State.Running);
            Assert.StartsWith("containerd://", status.ContainerID, StringComparison.Ordinal);
            Assert.Contains(pod.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            string? body = null;
            await cluster.WaitUntilAsync(async () =>
            {
                try
                {
                    body = await http.GetStringAsync(new Uri($"http://{pod.Status.PodIP}:8080/index.html"), Ct);
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(30), "the pod answers on its IP");
            Assert.Equal("hello-from-pod\n", body);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "web", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Theory]
    [InlineData(0, "Succeeded", "Completed", "PodCompleted")]
    [InlineData(3, "Failed", "Error", "PodFailed")]
    public async Task APodThatNeverRestarts_EndsWithItsContainersExitCode(int exitCode, string phase, string reason, string readyReason)
    {
        var name = "once-" + exitCode;
        await CreatePodAsync(name, "Never", $"exit {exitCode}");
        try
        {
            var pod = await cluster.WaitForPodAsync("default", name, p => p.Status?.Phase == phase, name + " is " + phase);

            var terminated = Assert.Single(pod.Status.ContainerStatuses).State.Terminated;
            Assert.Equal(exitCode, terminated.ExitCode);
            Assert.Equal(reason, terminated.Reason);
            Assert.Contains(pod.Status.Conditions, c => c.Type == "Ready" && c.Status == "False" && c.Reason == readyReason);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", name, "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task ACrashingContainer_IsRestartedWithBackoffAndShowsCrashLoopBackOff()
    {
        await CreatePodAsync("crasher", "Always", "echo crashing; exit 1");
        try
        {
            var pod = await cluster.WaitForPodAsync("default", "crasher", p =>
                p.Status?.ContainerStatuses?.FirstOrDefault() is { RestartCount: >= 1 } s && s.State?.Waiting?.Reason == "CrashLoopBackOff",
                "crasher is in CrashLoopBackOff after a restart");

            var status = Assert.Single(pod.Status.ContainerStatuses);
            Assert.Equal(1, status.LastState.Terminated.ExitCode);
            Assert.Contains("back-off", status.State.Waiting.Message, StringComparison.Ordinal);
            Assert.Equal("Running", pod.Status.Phase);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "crasher", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task InitContainers_RunToCompletionInOrderBeforeTheAppContainer()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "inits" },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Volumes = [new V1Volume { Name = "work", EmptyDir = new V1EmptyDirVolumeSource() }],
                InitContainers =
                [
                    Container("first", "echo one > /work/order"),
                    Container("second", "echo two >> /work/order"),
                ],
                Containers = [Container("app", "cat /work/order > /work/seen; exec sleep 3600")],
            },
        };
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);
        try
        {
            var running = await cluster.WaitForPodAsync("default", "inits", p => p.Status?.Phase == "Running", "inits is Running");

            Assert.All(running.Status.InitContainerStatuses, s => Assert.Equal("Completed", s.State.Terminated?.Reason));
            Assert.Contains(running.Status.Conditions, c => c.Type == "Initialized" && c.Status == "True");
            var first = running.Status.InitContainerStatuses.Single(s => s.Name == "first").State.Terminated.FinishedAt;
            var second = running.Status.InitContainerStatuses.Single(s => s.Name == "second").State.Terminated.StartedAt;
            Assert.True(first <= second, "the second init container starts after the first finished");
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "inits", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task ADeploymentOfThreeReplicas_BecomesAvailable()
    {
        (await cluster.Kubectl.RunAsync("create", "deployment", "three", "--image=busybox:1.35", "--replicas=3", "--", "sleep", "3600")).EnsureSuccess();
        try
        {
            var rollout = await cluster.Kubectl.RunAsync("rollout", "status", "deployment/three", "--timeout=50s");
            Assert.True(rollout.ExitCode == 0, rollout.Error + rollout.Output + "\n" + cluster.ServerLog);
            var available = await cluster.Kubectl.RunAsync("get", "deployment", "three", "-o", "jsonpath={.status.availableReplicas}");
            Assert.Equal("3", available.Output);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "deployment", "three", "--wait=true");
            await cluster.WaitUntilAsync(async () =>
                (await cluster.Kubectl.RunAsync("get", "pods", "-l", "app=three", "-o", "name")).Output.Trim().Length == 0,
                TimeSpan.FromSeconds(60), "the deployment's pods are gone");
            await cluster.AssertNothingLeftAsync();
        }
    }

    private static V1Container Container(string name, string script) => new()
    {
        Name = name,
        Image = "busybox:1.35",
        Command = ["sh", "-c", script],
        VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }],
    };

    private Task CreatePodAsync(string name, string restartPolicy, string script) =>
        cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                RestartPolicy = restartPolicy,
                TerminationGracePeriodSeconds = 1,
                Containers = [new V1Container { Name = "main", Image = "busybox:1.35", Command = ["sh", "-c", script] }],
            },
        }, "default", cancellationToken: Ct);
}
