using k8s;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>What the real kubectl shows of the scheduler's work.</summary>
public sealed class KubectlTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    private KubectlRunner Kubectl => new(fixture.Server.AdminKubeconfigPath, Path.Combine(fixture.DataDir, "kubectl-home"));

    [Fact]
    public async Task KubectlRun_GetWide_ShowsTheNode_AndDescribe_ShowsWhyAPodIsPending()
    {
        var ns = await fixture.NamespaceAsync("kubectl");
        await using var node = await SchedulableNodes.CreateAsync(Client, "kubectl-node", cpu: "2");
        await using var scheduler = RunningScheduler.Start(fixture);

        var run = await Kubectl.RunAsync("run", "web", "--image=busybox:1.35", "--restart=Never", "-n", ns, "--", "sleep", "3600");
        Assert.True(run.ExitCode == 0, run.Error);
        await Client.BoundNodeAsync(ns, "web");
        var wide = await Kubectl.RunAsync("get", "pod", "web", "-n", ns, "-o", "wide");
        Assert.True(wide.ExitCode == 0, wide.Error);
        var lines = wide.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var columns = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("kubectl-node", values[Array.IndexOf(columns, "NODE")]);

        var manifest = $$$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: huge, namespace: {{{ns}}}}
            spec:
              containers:
              - name: app
                image: busybox:1.35
                resources: {requests: {cpu: "16"}}
            """;
        var apply = await Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-");
        Assert.True(apply.ExitCode == 0, apply.Error);
        await Eventually.TrueAsync(async () => (await Client.EventsAboutAsync(ns, "huge")).Any(e => e.Reason == "FailedScheduling"), "FailedScheduling is recorded");

        var describe = await Kubectl.RunAsync("describe", "pod", "huge", "-n", ns);

        Assert.True(describe.ExitCode == 0, describe.Error);
        Assert.Matches(@"Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0/1 nodes are available: 1 Insufficient cpu\.", describe.Output);
        Assert.Matches(@"PodScheduled\s+False", describe.Output);
        Assert.Matches(@"Node:\s+<none>", describe.Output);
    }
}
