using k8s.Models;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Probes;

/// <summary>Runs one probe of a container once, with whichever handler it declares (exec, httpGet, tcpSocket, grpc).</summary>
public sealed class Prober
{
    private readonly RuntimeService.RuntimeServiceClient _runtime;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>A prober running exec probes through <paramref name="runtime"/> and httpGet probes with <paramref name="http"/>.</summary>
    /// <param name="runtime">The CRI runtime service (ExecSync).</param>
    /// <param name="http">A client that follows no redirects itself, such as <see cref="ProbeHttpClient.Create"/>'s.</param>
    /// <param name="time">Times the probes' timeouts.</param>
    public Prober(RuntimeService.RuntimeServiceClient runtime, HttpClient http, TimeProvider time)
    {
        _runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// Runs <paramref name="probe"/> of <paramref name="container"/> (instance <paramref name="containerId"/>) once.
    /// Network probes without a host of their own go to <paramref name="podIp"/>.
    /// </summary>
    public Task<ProbeResult> RunAsync(V1Probe probe, V1Container container, string containerId, string? podIp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(container);
        var timeout = ProbeSettings.Of(probe, ProbeKind.Readiness).Timeout;
        if (probe.Exec is { } exec)
        {
            return ExecProbe.RunAsync(_runtime, containerId, ProbeCommand.Expand(exec.Command, container), timeout, cancellationToken);
        }

        if (probe.HttpGet is { } httpGet)
        {
            return HttpGetProbe.RunAsync(_http, httpGet, container, podIp, timeout, _time, cancellationToken);
        }

        if (probe.TcpSocket is { } tcp)
        {
            var host = string.IsNullOrEmpty(tcp.Host) ? podIp : tcp.Host;
            if (string.IsNullOrEmpty(host))
            {
                return Task.FromResult(ProbeResult.Unknown("the pod has no IP yet and the probe names no host"));
            }

            return ProbePort.Resolve(tcp.Port, container, out var error) is { } port
                ? TcpSocketProbe.RunAsync(host, port, timeout, _time, cancellationToken)
                : Task.FromResult(ProbeResult.Unknown(error));
        }

        if (probe.Grpc is { } grpc)
        {
            if (string.IsNullOrEmpty(podIp))
            {
                return Task.FromResult(ProbeResult.Unknown("the pod has no IP yet"));
            }

            return grpc.Port is < 1 or > 65535
                ? Task.FromResult(ProbeResult.Unknown($"invalid port number: {grpc.Port}"))
                : GrpcProbe.RunAsync(podIp, grpc.Port, grpc.Service, timeout, cancellationToken);
        }

        return Task.FromResult(ProbeResult.Unknown($"missing probe handler for container {container.Name}"));
    }
}
