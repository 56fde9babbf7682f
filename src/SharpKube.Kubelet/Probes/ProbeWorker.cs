using System.Threading.Channels;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// Runs one probe of one container instance every period until stopped: waits out the initial delay, holds
/// liveness and readiness back until the container has started, counts consecutive results against the thresholds
/// and settles the result in <see cref="ProbeResults"/>. A liveness failure, and a startup probe's settled result
/// either way, end the worker: the instance is stopped or has started, and a restart is a new instance.
/// </summary>
internal sealed class ProbeWorker
{
    private readonly ContainerReadiness _owner;
    private readonly Prober _prober;
    private readonly ProbeResults _results;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _startedAt;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<bool> _trigger = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private ProbeOutcome? _lastOutcome;
    private int _run;

    /// <summary>A worker for <paramref name="kind"/> of <paramref name="container"/>'s instance <paramref name="containerId"/>; call <see cref="Start"/>.</summary>
    public ProbeWorker(
        ContainerReadiness owner, Prober prober, ProbeResults results, TimeProvider time, ILogger logger,
        PodProbeTarget target, V1Container container, string containerId, DateTimeOffset startedAt, ProbeKind kind)
    {
        _owner = owner;
        _prober = prober;
        _results = results;
        _time = time;
        _logger = logger;
        Target = target;
        Container = container;
        ContainerId = containerId;
        _startedAt = startedAt;
        Kind = kind;
        Probe = ProbeSettings.ProbeOf(container, kind) ?? throw new ArgumentException($"Container {container.Name} has no {kind} probe.", nameof(kind));
        Settings = ProbeSettings.Of(Probe, kind);
    }

    /// <summary>The pod the container belongs to.</summary>
    public PodProbeTarget Target { get; }

    /// <summary>The probed container's spec.</summary>
    public V1Container Container { get; }

    /// <summary>The probed instance's CRI id.</summary>
    public string ContainerId { get; }

    /// <summary>Which of the container's probes this worker runs.</summary>
    public ProbeKind Kind { get; }

    /// <summary>The probe.</summary>
    public V1Probe Probe { get; }

    /// <summary>The probe's timing and thresholds.</summary>
    public ProbeSettings Settings { get; }

    /// <summary>The probe loop; completes once the worker ends or is stopped.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Records the probe's initial result (not ready; alive; not started) and starts the probe loop.</summary>
    public void Start()
    {
        // As upstream: a settled result only tells the pod when it differs from where the instance began.
        if (Kind != ProbeKind.Startup)
        {
            _results.Set(ContainerId, Kind, Kind == ProbeKind.Readiness ? ProbeOutcome.Failure : ProbeOutcome.Success);
        }

        Completion = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Stops the loop (a probe in flight is cancelled). Safe to call more than once.</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Runs the probe now rather than at the next period (the container has just started).</summary>
    public void Trigger() => _trigger.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await ProbeOnceAsync(cancellationToken))
            {
                await WaitForNextProbeAsync(cancellationToken);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: a call in flight ends in whatever its client throws on cancellation (gRPC: RpcException).
        }
        catch (Exception e)
        {
            _logger.LogError(e, "{Kind} probe worker of container {Container} ({ContainerId}) in pod {Namespace}/{Pod} failed",
                Kind, Container.Name, ContainerId, Target.Pod.Metadata?.NamespaceProperty, Target.Pod.Metadata?.Name);
        }
    }

    /// <summary>One tick: probes if it is time to, and settles the result. False when the worker is done.</summary>
    private async Task<bool> ProbeOnceAsync(CancellationToken cancellationToken)
    {
        if (Target.Pod.Metadata?.DeletionTimestamp is not null && Kind != ProbeKind.Readiness)
        {
            // The pod is shutting down: a liveness or startup failure now would only restart what is being stopped.
            _results.Set(ContainerId, Kind, ProbeOutcome.Success);
            return false;
        }

        // Whole seconds, as upstream compares them.
        if ((int)(_time.GetUtcNow() - _startedAt).TotalSeconds < Settings.InitialDelay.TotalSeconds)
        {
            return true;
        }

        if (Kind != ProbeKind.Startup && !_owner.IsStarted(Container, ContainerId))
        {
            return true;
        }

        var result = await _prober.RunAsync(Probe, Container, ContainerId, Target.PodIp, cancellationToken);
        // Stopped while probing: the instance is gone and its results were removed; do not bring them back.
        cancellationToken.ThrowIfCancellationRequested();
        _owner.RecordProbeEvent(this, result);
        if (result.Outcome == ProbeOutcome.Unknown)
        {
            // The probe could not run: not evidence either way.
            return true;
        }

        var outcome = result.Outcome == ProbeOutcome.Failure ? ProbeOutcome.Failure : ProbeOutcome.Success;
        _run = _lastOutcome == outcome ? _run + 1 : 1;
        _lastOutcome = outcome;
        var threshold = outcome == ProbeOutcome.Failure ? Settings.FailureThreshold : Settings.SuccessThreshold;
        if (_run < threshold)
        {
            return true;
        }

        var changed = _results.Set(ContainerId, Kind, outcome);
        var done = Kind == ProbeKind.Startup || (Kind == ProbeKind.Liveness && outcome == ProbeOutcome.Failure);
        if (changed || done)
        {
            await _owner.OnSettledAsync(this, outcome);
        }

        return !done;
    }

    private async Task WaitForNextProbeAsync(CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var period = Task.Delay(Settings.Period, _time, wake.Token);
        var trigger = _trigger.Reader.WaitToReadAsync(wake.Token).AsTask();
        await Task.WhenAny(period, trigger);
        await wake.CancelAsync();
        _trigger.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
