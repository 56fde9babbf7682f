using System.Net;
using System.Security.Cryptography.X509Certificates;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SharpKube.Kubelet.Server;

/// <summary>How the kubelet's HTTPS server listens, whom it trusts and where it gets what it serves.</summary>
public sealed record KubeletServerOptions
{
    /// <summary>The address to listen on.</summary>
    public required IPAddress BindAddress { get; init; }

    /// <summary>The port (upstream's 10250); 0 picks a free one, see <see cref="KubeletServer.Port"/>.</summary>
    public int Port { get; init; } = 10250;

    /// <summary>The kubelet's serving certificate, with its private key.</summary>
    public required X509Certificate2 ServingCertificate { get; init; }

    /// <summary>Clients must present a certificate issued by this CA (the cluster CA: the API server's kubelet client).</summary>
    public required X509Certificate2 ClientCertificateAuthority { get; init; }

    /// <summary>The pods the kubelet runs, for <c>GET /pods</c>.</summary>
    public required Func<IReadOnlyList<V1Pod>> Pods { get; init; }

    /// <summary>
    /// Finds a container's log: (namespace, pod, container, previous) → a log file, or the error to answer.
    /// </summary>
    public required Func<string, string, string, bool, CancellationToken, Task<ContainerLogSource>> ContainerLogs { get; init; }

    /// <summary>
    /// The runtime that runs the pods, for <c>/exec</c>, <c>/attach</c> and <c>/portForward</c> (containers and sandboxes are
    /// found by the kubelet's CRI labels); those endpoints are not served when null.
    /// </summary>
    public SharpKube.Kubelet.Cri.V1.RuntimeService.RuntimeServiceClient? Runtime { get; init; }

    /// <summary>The registry served at <c>GET /metrics</c> (Prometheus text); no endpoint when null.</summary>
    public Prometheus.CollectorRegistry? Metrics { get; init; }

    /// <summary>The pod start accounts served at <c>GET /debug/pods/startup</c> (JSON); no endpoint when null.</summary>
    public SharpKube.Kubelet.Pods.PodStartupLog? PodStartup { get; init; }

    /// <summary>The node and pod stats served at <c>GET /stats/summary</c> and <c>GET /metrics/resource</c>; no endpoints when null.</summary>
    public SharpKube.Kubelet.Stats.SummaryProvider? Stats { get; init; }

    /// <summary>The clock for client certificate validity, <c>sinceSeconds</c> and log polling.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How often a followed log is polled for new lines.</summary>
    public TimeSpan? LogPollInterval { get; init; }

    /// <summary>Where the server logs.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
