using Grpc.Core;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// The kubelet's probe manager: one <see cref="ProbeWorker"/> per probe of every running container instance, and the
/// readiness and started state they settle. A container without a startup probe is started once running; without a
/// readiness probe it is ready once started. Settled changes call <c>podChanged(uid)</c> so the pod status is
/// rewritten; a container failing its liveness (or startup) probe is stopped through CRI, and the kubelet restarts
/// it per the pod's restartPolicy.
/// </summary>
public sealed class ContainerReadiness : IAsyncDisposable
{
    /// <summary>The shortest grace period a probe-failed container is stopped with, as upstream.</summary>
    private const long MinimumGracePeriodSeconds = 2;

    /// <summary>Used when neither the pod nor the probe sets a grace period (the API defaults it to 30).</summary>
    private const long DefaultGracePeriodSeconds = 30;

    /// <summary>Extra time the StopContainer call gets beyond the grace period, so the runtime's kill wins.</summary>
    private static readonly TimeSpan StopCallGrace = TimeSpan.FromSeconds(30);

    private readonly RuntimeService.RuntimeServiceClient _runtime;
    private readonly EventRecorder _events;
    private readonly Action<string> _podChanged;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Prober _prober;
    private readonly ProbeResults _results = new();
    private readonly Dictionary<string, PodProbeTarget> _pods = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>A probe manager; <paramref name="podChanged"/> is called with a pod's uid whenever its containers' readiness or started state changes, or one was stopped.</summary>
    /// <param name="runtime">The CRI runtime service (ExecSync for exec probes, StopContainer for failed liveness).</param>
    /// <param name="http">The client for httpGet probes; see <see cref="ProbeHttpClient.Create"/>.</param>
    /// <param name="events">Records Unhealthy, ProbeWarning and Killing events on the pod.</param>
    /// <param name="podChanged">Told the uid of a pod whose status should be rewritten; must not block.</param>
    /// <param name="time">Times the periods, initial delays and timeouts.</param>
    /// <param name="logger">Where probe failures and stops are logged.</param>
    public ContainerReadiness(
        RuntimeService.RuntimeServiceClient runtime, HttpClient http, EventRecorder events, Action<string> podChanged,
        TimeProvider time, ILogger logger)
    {
        _runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _podChanged = podChanged ?? throw new ArgumentNullException(nameof(podChanged));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _prober = new Prober(runtime, http, time);
    }

    /// <summary>
    /// Whether the running instance <paramref name="status"/> of <paramref name="container"/> is ready and started,
    /// as the pod status reports them.
    /// </summary>
    public (bool Ready, bool Started) Of(V1Container container, ContainerStatus status)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(status);
        var started = IsStarted(container, status.Id);
        var ready = started && (container.ReadinessProbe is null || _results.Get(status.Id, ProbeKind.Readiness) == ProbeOutcome.Success);
        return (ready, started);
    }

    /// <summary>
    /// Starts a worker for every probe of the running instances in <paramref name="running"/> that has none yet, and
    /// stops the workers of this pod's instances that are no longer among them. Called after every pod sync.
    /// </summary>
    /// <param name="pod">The pod (its latest version: the workers read its deletion timestamp and grace period).</param>
    /// <param name="podIp">The pod's IP, where network probes without a host go.</param>
    /// <param name="running">The CRI statuses of the pod's running container instances.</param>
    public void Watch(V1Pod pod, string? podIp, IEnumerable<ContainerStatus> running)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(running);
        var uid = pod.Metadata?.Uid ?? throw new ArgumentException("The pod has no uid.", nameof(pod));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pods.TryGetValue(uid, out var target))
            {
                target.Update(pod, podIp);
            }
            else
            {
                target = new PodProbeTarget(pod, podIp);
                _pods.Add(uid, target);
            }

            var live = new HashSet<string>(StringComparer.Ordinal);
            foreach (var status in running)
            {
                if (status.State != ContainerState.ContainerRunning || FindContainer(pod, status.Metadata?.Name) is not { } container)
                {
                    continue;
                }

                live.Add(status.Id);
                foreach (var kind in Enum.GetValues<ProbeKind>())
                {
                    if (ProbeSettings.ProbeOf(container, kind) is not null && !target.Workers.ContainsKey((status.Id, kind)))
                    {
                        var worker = new ProbeWorker(this, _prober, _results, _time, _logger, target, container, status.Id, StartedAt(status), kind);
                        target.Workers.Add((status.Id, kind), worker);
                        worker.Start();
                    }
                }
            }

            foreach (var key in target.Workers.Keys.Where(key => !live.Contains(key.ContainerId)).ToList())
            {
                StopWorker(target, key);
            }
        }
    }

    /// <summary>The pod is gone: stops all its workers and forgets their results.</summary>
    public void Forget(string podUid)
    {
        ArgumentNullException.ThrowIfNull(podUid);
        lock (_lock)
        {
            if (_pods.Remove(podUid, out var target))
            {
                foreach (var key in target.Workers.Keys.ToList())
                {
                    StopWorker(target, key);
                }
            }
        }
    }

    /// <summary>Stops every worker and waits for their loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        List<ProbeWorker> workers;
        lock (_lock)
        {
            _disposed = true;
            workers = [.. _pods.Values.SelectMany(target => target.Workers.Values)];
            _pods.Clear();
        }

        foreach (var worker in workers)
        {
            worker.Stop();
        }

        await Task.WhenAll(workers.Select(worker => worker.Completion));
    }

    /// <summary>Whether instance <paramref name="containerId"/> of <paramref name="container"/> has started.</summary>
    internal bool IsStarted(V1Container container, string containerId) =>
        container.StartupProbe is null || _results.Get(containerId, ProbeKind.Startup) == ProbeOutcome.Success;

    /// <summary>Records the events upstream records for a probe run: Unhealthy for failures and errors, ProbeWarning for warnings.</summary>
    internal void RecordProbeEvent(ProbeWorker worker, ProbeResult result)
    {
        var (type, reason, message) = result.Outcome switch
        {
            ProbeOutcome.Failure => (EventType.Warning, "Unhealthy", $"{worker.Kind} probe failed: {result.Output}"),
            ProbeOutcome.Unknown => (EventType.Warning, "Unhealthy", $"{worker.Kind} probe errored and resulted in unknown state: {result.Output}"),
            ProbeOutcome.Warning => (EventType.Warning, "ProbeWarning", $"{worker.Kind} probe warning: {result.Output}"),
            _ => (null, null, null),
        };
        if (type is null)
        {
            return;
        }

        _logger.LogInformation("{Kind} probe of container {Container} in pod {Namespace}/{Pod}: {Outcome}: {Output}",
            worker.Kind, worker.Container.Name, worker.Target.Pod.Metadata?.NamespaceProperty, worker.Target.Pod.Metadata?.Name, result.Outcome, result.Output);
        _events.Event(ContainerReference(worker), type, reason!, message!);
    }

    /// <summary>A worker settled a new result (or a liveness/startup failure): act on it and tell the kubelet.</summary>
    internal async Task OnSettledAsync(ProbeWorker worker, ProbeOutcome outcome)
    {
        var uid = worker.Target.Pod.Metadata.Uid;
        if (worker.Kind == ProbeKind.Startup && outcome == ProbeOutcome.Success)
        {
            // Started: the liveness and readiness probes held back until now run at once rather than a period later.
            lock (_lock)
            {
                foreach (var sibling in worker.Target.Workers.Values.Where(w => w.ContainerId == worker.ContainerId && w != worker))
                {
                    sibling.Trigger();
                }
            }
        }
        else if (worker.Kind != ProbeKind.Readiness && outcome == ProbeOutcome.Failure)
        {
            await StopContainerAsync(worker);
        }

        _podChanged(uid);
    }

    private async Task StopContainerAsync(ProbeWorker worker)
    {
        var pod = worker.Target.Pod;
        var restarts = pod.Spec?.RestartPolicy != "Never";
        var kind = worker.Kind == ProbeKind.Liveness ? "liveness" : "startup";
        _events.Event(ContainerReference(worker), EventType.Normal, "Killing",
            $"Container {worker.Container.Name} failed {kind} probe{(restarts ? ", will be restarted" : "")}");
        var grace = GracePeriodSeconds(pod, worker.Probe);
        _logger.LogInformation("Stopping container {Container} ({ContainerId}) of pod {Namespace}/{Pod} with a {Grace} s grace period: it failed its {Kind} probe",
            worker.Container.Name, worker.ContainerId, pod.Metadata?.NamespaceProperty, pod.Metadata?.Name, grace, kind);
        try
        {
            await _runtime.StopContainerAsync(
                new StopContainerRequest { ContainerId = worker.ContainerId, Timeout = grace },
                // gRPC deadlines are wall-clock instants by contract.
                deadline: DateTime.UtcNow + TimeSpan.FromSeconds(grace) + StopCallGrace);
        }
        catch (RpcException e)
        {
            // Already gone, or the runtime is down: the kubelet's next sync sees the real state either way.
            _logger.LogWarning("Could not stop container {ContainerId} after its failed {Kind} probe: {Status}", worker.ContainerId, kind, e.Status);
        }
    }

    /// <summary>The pod's deletion grace period if it is being deleted, else the probe's own, else the pod's; at least 2 s.</summary>
    private static long GracePeriodSeconds(V1Pod pod, V1Probe probe)
    {
        var seconds = pod.Metadata?.DeletionGracePeriodSeconds
            ?? probe.TerminationGracePeriodSeconds
            ?? pod.Spec?.TerminationGracePeriodSeconds
            ?? DefaultGracePeriodSeconds;
        return Math.Max(seconds, MinimumGracePeriodSeconds);
    }

    private void StopWorker(PodProbeTarget target, (string ContainerId, ProbeKind Kind) key)
    {
        target.Workers.Remove(key, out var worker);
        worker?.Stop();
        _results.Remove(key.ContainerId, key.Kind);
    }

    /// <summary>Regular containers, then sidecars (init containers that keep running, which probes apply to too).</summary>
    private static V1Container? FindContainer(V1Pod pod, string? name) =>
        pod.Spec?.Containers?.FirstOrDefault(c => c.Name == name)
        ?? pod.Spec?.InitContainers?.FirstOrDefault(c => c.Name == name && c.RestartPolicy == "Always");

    private static DateTimeOffset StartedAt(ContainerStatus status) =>
        status.StartedAt > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(status.StartedAt / 1_000_000) : DateTimeOffset.UnixEpoch;

    /// <summary>The event's involved object: the pod, with the container as the field path, as upstream refers to a container.</summary>
    private static V1ObjectReference ContainerReference(ProbeWorker worker)
    {
        var pod = worker.Target.Pod;
        var isInit = pod.Spec?.Containers?.Any(c => c.Name == worker.Container.Name) != true;
        return new V1ObjectReference
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Name = pod.Metadata?.Name,
            NamespaceProperty = pod.Metadata?.NamespaceProperty,
            Uid = pod.Metadata?.Uid,
            ResourceVersion = pod.Metadata?.ResourceVersion,
            FieldPath = $"spec.{(isInit ? "initContainers" : "containers")}{{{worker.Container.Name}}}",
        };
    }
}
