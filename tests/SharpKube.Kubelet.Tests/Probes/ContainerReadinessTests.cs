using System.Collections.Concurrent;
using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Probes;
using SharpKube.Kubelet.Tests.Containerd;

namespace SharpKube.Kubelet.Tests.Probes;

public sealed class ContainerReadinessTests(ProbeContainers containers, ProbeApiServer api)
    : IClassFixture<ProbeContainers>, IClassFixture<ProbeApiServer>, IAsyncDisposable
{
    private readonly HttpClient _http = ProbeHttpClient.Create();
    private readonly RecordingLogger _logger = new();
    private readonly ConcurrentQueue<string> _podChanged = new();
    private ContainerReadiness? _readiness;

    private ContainerReadiness Readiness => _readiness ??= new ContainerReadiness(
        containers.Runtime, _http, api.Events, _podChanged.Enqueue, TimeProvider.System, _logger);

    public async ValueTask DisposeAsync()
    {
        if (_readiness is not null)
        {
            await _readiness.DisposeAsync();
        }

        _http.Dispose();
    }

    private async Task<V1Pod> PodAsync(V1Container container, long terminationGracePeriodSeconds = 2) =>
        await api.CreatePodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "probes-" + Guid.NewGuid().ToString("N")[..8] },
            Spec = new V1PodSpec { Containers = [container], TerminationGracePeriodSeconds = terminationGracePeriodSeconds, RestartPolicy = "Always" },
        });

    private int ProbeLogLines(ProbeKind kind, ProbeOutcome outcome) =>
        _logger.Entries.Count(e => e.Message.StartsWith($"{kind} probe of container", StringComparison.Ordinal) && e.Message.Contains($": {outcome}: ", StringComparison.Ordinal));

    [Fact]
    public async Task Readiness_IsFalseUntilTheProbeFileExists_ThenTrue_AndThePodIsToldEachTime()
    {
        var container = ProbeSpecs.Container();
        container.ReadinessProbe = ProbeSpecs.Exec("cat", "/tmp/ready");
        var pod = await PodAsync(container);
        var status = await containers.RunAsync(pod.Metadata.Uid, "app", "while true; do sleep 1; done");

        Readiness.Watch(pod, "127.0.0.1", [status]);
        await Eventually.TrueAsync(() => ProbeLogLines(ProbeKind.Readiness, ProbeOutcome.Failure) >= 1, "the readiness probe has failed once");

        Assert.Equal((false, true), Readiness.Of(container, status));
        Assert.Empty(_podChanged);

        await containers.ExecAsync(status.Id, "touch", "/tmp/ready");
        await Eventually.TrueAsync(() => Readiness.Of(container, status).Ready, "the container is ready");
        await Eventually.TrueAsync(() => _podChanged.Count >= 1, "the pod was told");
        Assert.Equal([pod.Metadata.Uid], _podChanged);

        await containers.ExecAsync(status.Id, "rm", "/tmp/ready");
        await Eventually.TrueAsync(() => !Readiness.Of(container, status).Ready, "the container is no longer ready");
        await Eventually.TrueAsync(() => _podChanged.Count >= 2, "the pod was told again");
        Assert.Equal([pod.Metadata.Uid, pod.Metadata.Uid], _podChanged);

        await Eventually.TrueAsync(async () => (await api.EventsAboutAsync(pod)).Any(e => e.Reason == "Unhealthy"), "the failure was recorded");
        var unhealthy = (await api.EventsAboutAsync(pod)).First(e => e.Reason == "Unhealthy");
        Assert.Equal("Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory\n", unhealthy.Message);
        Assert.Equal("spec.containers{app}", unhealthy.FieldPath);
        Readiness.Forget(pod.Metadata.Uid);
    }

    [Fact]
    public async Task Liveness_FailingForItsThreshold_StopsTheContainerWithTheGracePeriod_AndRecordsUnhealthyThenKilling()
    {
        var container = ProbeSpecs.Container();
        container.LivenessProbe = ProbeSpecs.Exec("cat", "/tmp/alive");
        container.LivenessProbe.FailureThreshold = 2;
        var pod = await PodAsync(container, terminationGracePeriodSeconds: 5);
        // The shell exits 0 on SIGTERM: exit code 0 shows the runtime asked politely within the grace period.
        var status = await containers.RunAsync(pod.Metadata.Uid, "app", "touch /tmp/alive; trap 'exit 0' TERM; while true; do sleep 1; done");

        Readiness.Watch(pod, "127.0.0.1", [status]);
        Assert.Equal((true, true), Readiness.Of(container, status));
        await containers.ExecAsync(status.Id, "rm", "/tmp/alive");

        await Eventually.TrueAsync(async () => (await containers.StatusAsync(status.Id)).State == ContainerState.ContainerExited, "the container was stopped");
        Assert.Equal(0, (await containers.StatusAsync(status.Id)).ExitCode);
        await Eventually.TrueAsync(() => _podChanged.Contains(pod.Metadata.Uid), "the pod was told");
        await Eventually.TrueAsync(async () => (await api.EventsAboutAsync(pod)).Any(e => e.Reason == "Killing"), "the kill was recorded");
        var events = await api.EventsAboutAsync(pod);
        Assert.Equal(
            [
                ("Unhealthy", "Liveness probe failed: cat: can't open '/tmp/alive': No such file or directory\n", "spec.containers{app}", 2),
                ("Killing", "Container app failed liveness probe, will be restarted", "spec.containers{app}", 1),
            ],
            events);
        Assert.Equal(2, ProbeLogLines(ProbeKind.Liveness, ProbeOutcome.Failure));
    }

    [Fact]
    public async Task StartupProbe_HoldsLivenessBack_UntilItSucceeds_ThenTheProbeLevelGracePeriodApplies()
    {
        var container = ProbeSpecs.Container();
        container.StartupProbe = ProbeSpecs.Exec("cat", "/tmp/started");
        container.StartupProbe.FailureThreshold = 60;
        container.LivenessProbe = ProbeSpecs.Exec("cat", "/tmp/alive");
        container.LivenessProbe.TerminationGracePeriodSeconds = 2;
        // The pod's 60 s would outlast the test's deadline: only the probe's own 2 s lets it pass.
        var pod = await PodAsync(container, terminationGracePeriodSeconds: 60);
        // A shell as PID 1 without a trap ignores SIGTERM, so the runtime kills it when the grace period ends.
        var status = await containers.RunAsync(pod.Metadata.Uid, "app", "while true; do sleep 1; done");

        Readiness.Watch(pod, "127.0.0.1", [status]);
        await Eventually.TrueAsync(() => ProbeLogLines(ProbeKind.Startup, ProbeOutcome.Failure) >= 3, "the startup probe has failed three times");

        Assert.Equal((false, false), Readiness.Of(container, status));
        Assert.Equal(0, ProbeLogLines(ProbeKind.Liveness, ProbeOutcome.Failure));
        Assert.Equal(ContainerState.ContainerRunning, (await containers.StatusAsync(status.Id)).State);

        await containers.ExecAsync(status.Id, "touch", "/tmp/started");
        await Eventually.TrueAsync(() => Readiness.Of(container, status).Started, "the container has started");
        await Eventually.TrueAsync(async () => (await containers.StatusAsync(status.Id)).State == ContainerState.ContainerExited,
            "the liveness probe, running now, got the container stopped", TimeSpan.FromSeconds(20));

        Assert.Equal(137, (await containers.StatusAsync(status.Id)).ExitCode);
        Assert.Equal(1, ProbeLogLines(ProbeKind.Liveness, ProbeOutcome.Failure));
        Assert.Equal(pod.Metadata.Uid, Assert.Single(_podChanged.Distinct()));
    }

    [Fact]
    public async Task Watch_WithARestartedInstance_StartsItOverAndStopsProbingTheOldOne()
    {
        var container = ProbeSpecs.Container();
        container.ReadinessProbe = ProbeSpecs.Exec("cat", "/tmp/ready");
        var pod = await PodAsync(container);
        var first = await containers.RunAsync(pod.Metadata.Uid, "app", "touch /tmp/ready; while true; do sleep 1; done");
        Readiness.Watch(pod, "127.0.0.1", [first]);
        await Eventually.TrueAsync(() => Readiness.Of(container, first).Ready, "the first instance is ready");

        var second = await containers.RunAsync(pod.Metadata.Uid, "app", "while true; do sleep 1; done");
        Readiness.Watch(pod, "127.0.0.1", [second]);

        Assert.Equal((false, true), Readiness.Of(container, second));
        Assert.False(Readiness.Of(container, first).Ready);
        await Eventually.TrueAsync(() => ProbeLogLines(ProbeKind.Readiness, ProbeOutcome.Failure) >= 2, "the new instance was probed twice");
        // Only the new instance failed: the old one, still ready inside, is no longer probed.
        Assert.All(_logger.Entries.Where(e => e.Message.Contains(": Failure: ", StringComparison.Ordinal)),
            e => Assert.Contains("can't open '/tmp/ready'", e.Message, StringComparison.Ordinal));
        await containers.ExecAsync(second.Id, "touch", "/tmp/ready");
        await Eventually.TrueAsync(() => Readiness.Of(container, second).Ready, "the new instance is ready");
    }

    [Fact]
    public async Task Readiness_ThroughHttpGet_ToTheContainersOwnServer_FollowsItsAnswers()
    {
        var port = HttpGetProbeTests.FreePort();
        var container = ProbeSpecs.Container();
        container.Ports = [new V1ContainerPort { Name = "web", ContainerPort = port }];
        container.ReadinessProbe = new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Port = "web", Path = "/healthz" },
            PeriodSeconds = 1,
            SuccessThreshold = 2,
            FailureThreshold = 2,
        };
        var pod = await PodAsync(container);
        // busybox httpd in the host network: the probe reaches it on the pod IP, as it would a pod's own server.
        var status = await containers.RunAsync(pod.Metadata.Uid, "app", $"mkdir -p /tmp/www; exec httpd -f -p 127.0.0.1:{port} -h /tmp/www");

        Readiness.Watch(pod, "127.0.0.1", [status]);
        // The first probes may find httpd not listening yet (connection refused); wait for its 404.
        await Eventually.TrueAsync(() => _logger.Entries.Any(e => e.Message.EndsWith("Failure: HTTP probe failed with statuscode: 404", StringComparison.Ordinal)),
            "the readiness probe got a 404");
        Assert.False(Readiness.Of(container, status).Ready);

        await containers.ExecAsync(status.Id, "sh", "-c", "echo ok > /tmp/www/healthz");
        await Eventually.TrueAsync(() => Readiness.Of(container, status).Ready, "the container is ready");

        // The result is recorded before the kubelet is told of it; the telling follows on the worker's thread.
        await Eventually.TrueAsync(() => !_podChanged.IsEmpty, "the pod was told");
        Assert.Equal([pod.Metadata.Uid], _podChanged);
    }

    [Fact]
    public async Task Exec_ReportsTheCommandsOutput_AndItsExitCode()
    {
        var status = await containers.RunAsync(Guid.NewGuid().ToString(), "exec", "while true; do sleep 1; done");
        var prober = new Prober(containers.Runtime, _http, TimeProvider.System);
        var container = ProbeSpecs.Container("exec");
        container.Env = [new V1EnvVar { Name = "GREETING", Value = "hello" }];

        var passed = await prober.RunAsync(ProbeSpecs.Exec("echo", "$(GREETING)"), container, status.Id, null, TestContext.Current.CancellationToken);
        var failed = await prober.RunAsync(ProbeSpecs.Exec("sh", "-c", "echo out; echo err >&2; exit 3"), container, status.Id, null, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeResult.Success("hello\n"), passed);
        Assert.Equal(ProbeResult.Failure("out\nerr\n"), failed);
    }

    [Fact]
    public async Task Exec_RunningPastTheTimeout_FailsAsTimedOut()
    {
        var status = await containers.RunAsync(Guid.NewGuid().ToString(), "exec", "while true; do sleep 1; done");
        var prober = new Prober(containers.Runtime, _http, TimeProvider.System);
        var started = TimeProvider.System.GetTimestamp();

        var result = await prober.RunAsync(ProbeSpecs.Exec("sleep", "5"), ProbeSpecs.Container("exec"), status.Id, null, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeResult.Failure("command \"sleep 5\" timed out"), result);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }
}
