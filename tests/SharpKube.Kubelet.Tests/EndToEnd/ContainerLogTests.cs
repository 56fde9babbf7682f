using k8s;
using k8s.Models;

namespace SharpKube.Kubelet.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed class ContainerLogTests(ClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KubectlLogs_ShowsTheOutput_WithTailTimestampsAndFollow()
    {
        await CreateAsync("talker", "Always", "echo first; echo second; i=0; while true; do i=$((i+1)); echo tick-$i; sleep 1; done");
        try
        {
            await cluster.WaitForPodAsync("default", "talker", p => p.Status?.Phase == "Running", "talker runs");
            await cluster.WaitUntilAsync(async () => (await cluster.Kubectl.RunAsync("logs", "talker")).Output.Contains("tick-2", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "two ticks were logged");

            var all = await cluster.Kubectl.RunAsync("logs", "talker");
            Assert.StartsWith("first\nsecond\ntick-1\n", all.Output, StringComparison.Ordinal);
            var tail = await cluster.Kubectl.RunAsync("logs", "talker", "--tail=1");
            Assert.Matches(@"^tick-\d+\n$", tail.Output);
            var stamped = await cluster.Kubectl.RunAsync("logs", "talker", "--timestamps", "--limit-bytes=200");
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z first\n", stamped.Output);

            using var follow = cluster.Kubectl.Start("logs", "-f", "talker");
            var seen = new List<string>();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            var before = int.Parse(tail.Output.Trim()["tick-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            while (await follow.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                seen.Add(line);
                if (line.StartsWith("tick-", StringComparison.Ordinal)
                    && int.Parse(line["tick-".Length..], System.Globalization.CultureInfo.InvariantCulture) >= before + 2)
                {
                    break;
                }
            }
            follow.Kill();
            Assert.Contains($"tick-{before + 2}", seen);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "talker", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task KubectlLogsPrevious_ShowsTheCrashedInstancesOutput()
    {
        await CreateAsync("phoenix", "Always", "echo born-at-$(date +%s%N); exit 1");
        try
        {
            await cluster.WaitForPodAsync("default", "phoenix", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.RestartCount >= 1,
                "phoenix restarted once");

            var previous = await cluster.Kubectl.RunAsync("logs", "phoenix", "--previous");

            Assert.Equal(0, previous.ExitCode);
            Assert.StartsWith("born-at-", previous.Output, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "phoenix", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task LogsOfAContainerThatNeverRan_AreRefusedWithTheReason_AndAMissingImageSaysErrImagePull()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "noimage" },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers = [new V1Container { Name = "main", Image = "example.invalid/nothing:1", Command = ["true"] }],
            },
        }, "default", cancellationToken: Ct);
        try
        {
            var pod = await cluster.WaitForPodAsync("default", "noimage",
                p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason is "ErrImagePull" or "ImagePullBackOff", "the image pull fails");
            Assert.Equal("Pending", pod.Status.Phase);

            var logs = await cluster.Kubectl.RunAsync("logs", "noimage");

            Assert.NotEqual(0, logs.ExitCode);
            Assert.Contains("container \"main\" in pod \"noimage\" is waiting to start", logs.Error, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "noimage", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    private Task CreateAsync(string name, string restartPolicy, string script) =>
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
