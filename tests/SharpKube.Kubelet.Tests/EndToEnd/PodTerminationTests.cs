using k8s;
using k8s.Models;

namespace SharpKube.Kubelet.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed class PodTerminationTests(ClusterFixture cluster) : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("skx-term-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeletingAPod_RunsPreStopThenSendsSigterm_AndRemovesThePod()
    {
        await CreateAsync("graceful", 30, "trap 'echo term >> /out/log; exit 0' TERM; echo started >> /out/log; while true; do sleep 1; done",
            preStop: "echo prestop >> /out/log");
        await cluster.WaitForPodAsync("default", "graceful", p => p.Status?.Phase == "Running", "graceful runs");
        await cluster.WaitUntilAsync(() => Task.FromResult(File.Exists(Path.Combine(_out, "log"))), TimeSpan.FromSeconds(30), "the container started");

        var deleted = await cluster.Kubectl.RunAsync("delete", "pod", "graceful", "--wait=true", "--timeout=60s");

        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal(["started", "prestop", "term"], (await File.ReadAllLinesAsync(Path.Combine(_out, "log"), Ct)).Distinct());
        var gone = await cluster.Kubectl.RunAsync("get", "pod", "graceful");
        Assert.Contains("NotFound", gone.Error, StringComparison.Ordinal);
        await cluster.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AContainerIgnoringSigterm_IsKilledWhenTheGracePeriodEnds()
    {
        await CreateAsync("stubborn", 2, "trap '' TERM; echo started > /out/started; while true; do sleep 1; done", preStop: null);
        await cluster.WaitForPodAsync("default", "stubborn", p => p.Status?.Phase == "Running", "stubborn runs");
        await cluster.WaitUntilAsync(() => Task.FromResult(File.Exists(Path.Combine(_out, "started"))), TimeSpan.FromSeconds(30), "the container started");
        var started = DateTime.UtcNow;

        var deleted = await cluster.Kubectl.RunAsync("delete", "pod", "stubborn", "--wait=true", "--timeout=60s");

        Assert.Equal(0, deleted.ExitCode);
        var took = DateTime.UtcNow - started;
        Assert.True(took >= TimeSpan.FromSeconds(2), $"the grace period was honoured (took {took})");
        await cluster.AssertNothingLeftAsync();
    }

    private Task CreateAsync(string name, long grace, string script, string? preStop) =>
        cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = grace,
                Volumes = [new V1Volume { Name = "out", HostPath = new V1HostPathVolumeSource { Path = _out } }],
                Containers =
                [
                    new V1Container
                    {
                        Name = "main",
                        Image = "busybox:1.35",
                        Command = ["sh", "-c", script],
                        VolumeMounts = [new V1VolumeMount { Name = "out", MountPath = "/out" }],
                        Lifecycle = preStop is null ? null : new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", preStop] } } },
                    },
                ],
            },
        }, "default", cancellationToken: Ct);

    public void Dispose() => Directory.Delete(_out, recursive: true);
}
