using k8s;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.Deployment;

public sealed class DeploymentKubectlTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    private static readonly string KubectlHome = Directory.CreateTempSubdirectory("sharpkube-deploy-kubectl-").FullName;

    private KubectlRunner Kubectl => new(fixture.Server.AdminKubeconfigPath, KubectlHome);

    [Fact]
    public async Task RolloutUndo_ToRevisionOne_ReusesTheOldReplicaSetAtTheNextRevision()
    {
        var ns = await fixture.NamespaceAsync("deploy-undo");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        var deployment = TestDeployments.Build("web", 3);
        deployment.Metadata.Annotations = new Dictionary<string, string> { ["kubernetes.io/change-cause"] = "first" };
        await TestDeployments.CreateAsync(Client, ns, deployment);
        await standIn.CompleteRolloutAsync(ns, "web");
        var first = Assert.Single(await standIn.ListAsync(ns));
        (await Kubectl.RunAsync("-n", ns, "set", "image", "deployment/web", "app=busybox:1.36")).EnsureSuccess();
        (await Kubectl.RunAsync("-n", ns, "annotate", "deployment/web", "kubernetes.io/change-cause=second", "--overwrite")).EnsureSuccess();
        await standIn.CompleteRolloutAsync(ns, "web");
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Any(rs =>
            rs.Metadata.Annotations.TryGetValue("kubernetes.io/change-cause", out var cause) && cause == "second"), "the change cause reaches the new ReplicaSet");

        var history = (await Kubectl.RunAsync("-n", ns, "rollout", "history", "deployment/web")).EnsureSuccess().Output;
        Assert.Matches(@"(?m)^1\s+first\s*$", history);
        Assert.Matches(@"(?m)^2\s+second\s*$", history);
        var revisionOne = (await Kubectl.RunAsync("-n", ns, "rollout", "history", "deployment/web", "--revision=1")).EnsureSuccess().Output;
        Assert.Contains("busybox:1.35", revisionOne, StringComparison.Ordinal);
        Assert.DoesNotContain("busybox:1.36", revisionOne, StringComparison.Ordinal);

        var undo = await Kubectl.RunAsync("-n", ns, "rollout", "undo", "deployment/web", "--to-revision=1", "-v=8");
        Assert.Contains("deployment.apps/web rolled back", undo.EnsureSuccess().Output, StringComparison.Ordinal);
        // kubectl 1.32 rolls back client side: a JSON patch of the template (and annotations) onto the Deployment.
        Assert.Contains("Content-Type: application/json-patch+json", undo.Error, StringComparison.Ordinal);
        Assert.Contains("\\\"path\\\":\\\"/spec/template\\\"", undo.Error, StringComparison.Ordinal);

        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Single(rs => rs.Metadata.Uid == first.Metadata.Uid)
            is { Spec.Replicas: > 0 } rs && TestDeployments.Revision(rs) == "3", "the first ReplicaSet is the new one again, at revision 3");
        await standIn.CompleteRolloutAsync(ns, "web");
        var all = await standIn.ListAsync(ns);
        Assert.Equal(2, all.Count);
        var reused = all.Single(rs => rs.Metadata.Uid == first.Metadata.Uid);
        Assert.Equal((3, "1", "busybox:1.35"), (reused.Spec.Replicas, reused.Metadata.Annotations["deployment.kubernetes.io/revision-history"],
            TestDeployments.Image(reused)));
        Assert.Equal("3", TestDeployments.Revision(await TestDeployments.GetAsync(Client, ns, "web")));
        history = (await Kubectl.RunAsync("-n", ns, "rollout", "history", "deployment/web")).EnsureSuccess().Output;
        Assert.DoesNotMatch(@"(?m)^1\s", history);
        Assert.Matches(@"(?m)^3\s+first\s*$", history);
        var status = (await Kubectl.RunAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=30s")).EnsureSuccess().Output;
        Assert.Contains("deployment \"web\" successfully rolled out", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolloutStatus_WaitsUntilTheControllerReportsTheRolloutDone()
    {
        var ns = await fixture.NamespaceAsync("deploy-status");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 4));
        await standIn.CompleteRolloutAsync(ns, "web");
        await TestDeployments.SetImageAsync(Client, ns, "web", "busybox:1.36");
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count == 2, "the rollout starts");

        using var status = Kubectl.Start("-n", ns, "rollout", "status", "deployment/web", "--timeout=60s");
        var error = status.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        // kubectl reports the rollout unfinished first; only then does the stand-in let it proceed.
        var first = await status.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("Waiting for deployment \"web\" rollout to finish: ", first, StringComparison.Ordinal);
        var rest = status.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () =>
        {
            await standIn.CompleteOneAsync(ns);
            return status.HasExited;
        }, "kubectl rollout status returns", TimeSpan.FromSeconds(60));

        await status.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(status.ExitCode == 0, await error);
        Assert.EndsWith("deployment \"web\" successfully rolled out\n", await rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseAndResume_HoldTheRolloutAndRecordTheProgressingReason_AndRestartRollsOut()
    {
        var ns = await fixture.NamespaceAsync("deploy-pause");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        await TestDeployments.CreateAsync(Client, ns, TestDeployments.Build("web", 2));
        await standIn.CompleteRolloutAsync(ns, "web");

        (await Kubectl.RunAsync("-n", ns, "rollout", "pause", "deployment/web")).EnsureSuccess();
        await Eventually.TrueAsync(async () => TestDeployments.Condition(await TestDeployments.GetAsync(Client, ns, "web"), "Progressing")
            is { Status: "Unknown", Reason: "DeploymentPaused", Message: "Deployment is paused" }, "the deployment is marked paused");
        (await Kubectl.RunAsync("-n", ns, "set", "image", "deployment/web", "app=busybox:1.36")).EnsureSuccess();
        await Eventually.TrueAsync(async () =>
        {
            var d = await TestDeployments.GetAsync(Client, ns, "web");
            return d.Status.ObservedGeneration == d.Metadata.Generation;
        }, "the controller has seen the new template");
        Assert.Single(await standIn.ListAsync(ns));
        var restartWhilePaused = await Kubectl.RunAsync("-n", ns, "rollout", "restart", "deployment/web");
        Assert.NotEqual(0, restartWhilePaused.ExitCode);
        Assert.Contains("paused", restartWhilePaused.Error, StringComparison.Ordinal);

        (await Kubectl.RunAsync("-n", ns, "rollout", "resume", "deployment/web")).EnsureSuccess();

        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count == 2, "the rollout starts once resumed");
        await standIn.CompleteRolloutAsync(ns, "web");
        var deployment = await TestDeployments.GetAsync(Client, ns, "web");
        Assert.Equal("2", TestDeployments.Revision(deployment));
        Assert.Equal("NewReplicaSetAvailable", TestDeployments.Condition(deployment, "Progressing")!.Reason);

        (await Kubectl.RunAsync("-n", ns, "rollout", "restart", "deployment/web")).EnsureSuccess();

        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count == 3, "a restart rolls out a third ReplicaSet");
        var restarted = (await standIn.ListAsync(ns)).Single(rs => TestDeployments.Revision(rs) == "3");
        Assert.True(restarted.Spec.Template.Metadata.Annotations.ContainsKey("kubectl.kubernetes.io/restartedAt"));
        Assert.Equal("busybox:1.36", TestDeployments.Image(restarted));
        await standIn.CompleteRolloutAsync(ns, "web");
    }

    [Fact]
    public async Task NoProgressWithinTheDeadline_SetsProgressDeadlineExceeded_AndRolloutStatusFails()
    {
        var ns = await fixture.NamespaceAsync("deploy-deadline");
        await using var controllers = RunningControllers.Start(fixture, "deployment");
        var standIn = new ReplicaSetStandIn(Client);
        var deployment = TestDeployments.Build("web", 2);
        deployment.Spec.ProgressDeadlineSeconds = 2;
        await TestDeployments.CreateAsync(Client, ns, deployment);
        await Eventually.TrueAsync(async () => (await standIn.ListAsync(ns)).Count == 1, "the ReplicaSet is created");
        var rs = Assert.Single(await standIn.ListAsync(ns));

        // Its pods never become available; nothing else changes, so only the deadline can wake the controller.
        await Eventually.TrueAsync(async () => TestDeployments.Condition(await TestDeployments.GetAsync(Client, ns, "web"), "Progressing")
            is { Status: "False", Reason: "ProgressDeadlineExceeded" } condition
            && condition.Message == $"ReplicaSet \"{rs.Metadata.Name}\" has timed out progressing.", "the progress deadline passes");

        var status = await Kubectl.RunAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=30s");
        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("error: deployment \"web\" exceeded its progress deadline", status.Error, StringComparison.Ordinal);

        // Progress afterwards completes the rollout again.
        await standIn.CompleteRolloutAsync(ns, "web");
        await Eventually.TrueAsync(async () => TestDeployments.Condition(await TestDeployments.GetAsync(Client, ns, "web"), "Progressing")
            is { Status: "True", Reason: "NewReplicaSetAvailable" }, "the completed rollout replaces the failure");
    }
}
