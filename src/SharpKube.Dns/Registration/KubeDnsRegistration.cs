using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace SharpKube.Dns.Registration;

/// <summary>
/// Keeps the <c>kube-system/kube-dns</c> Service that pods' resolv.conf points at — selector-less, so the
/// EndpointSlice controller leaves it alone — and this node's EndpointSlice for it (<c>kube-dns-&lt;node&gt;</c>,
/// managed by <c>dns.sharpkube.io</c>) with the node address the server listens on.
/// </summary>
public sealed class KubeDnsRegistration
{
    /// <summary>The value of <c>endpointslice.kubernetes.io/managed-by</c> on the slices this writes.</summary>
    public const string ManagedBy = "dns.sharpkube.io";

    private const string Namespace = "kube-system";
    private const string ServiceName = "kube-dns";
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(30);
    private readonly Kubernetes _client;
    private readonly string _nodeName;
    private readonly IPAddress _nodeIp;
    private readonly IPAddress _clusterIp;
    private readonly int _port;
    private readonly ILogger _logger;

    /// <summary>A registration of <paramref name="nodeIp"/>:<paramref name="port"/> on <paramref name="nodeName"/>.</summary>
    public KubeDnsRegistration(Kubernetes client, string nodeName, IPAddress nodeIp, IPAddress clusterIp, int port, ILogger logger)
    {
        _client = client;
        _nodeName = nodeName;
        _nodeIp = nodeIp;
        _clusterIp = clusterIp;
        _port = port;
        _logger = logger;
    }

    /// <summary>The Service as it should be.</summary>
    public V1Service DesiredService() => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = ServiceName,
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string>
            {
                ["k8s-app"] = "kube-dns",
                ["kubernetes.io/cluster-service"] = "true",
                ["kubernetes.io/name"] = "CoreDNS",
            },
        },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = _clusterIp.ToString(),
            ClusterIPs = [_clusterIp.ToString()],
            Ports =
            [
                new V1ServicePort { Name = "dns", Port = 53, Protocol = "UDP", TargetPort = _port },
                new V1ServicePort { Name = "dns-tcp", Port = 53, Protocol = "TCP", TargetPort = _port },
                new V1ServicePort { Name = "metrics", Port = 9153, Protocol = "TCP", TargetPort = 9153 },
            ],
        },
    };

    /// <summary>This node's EndpointSlice as it should be.</summary>
    public V1EndpointSlice DesiredSlice() => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        Metadata = new V1ObjectMeta
        {
            Name = $"{ServiceName}-{_nodeName}",
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string>
            {
                ["kubernetes.io/service-name"] = ServiceName,
                ["endpointslice.kubernetes.io/managed-by"] = ManagedBy,
            },
        },
        AddressType = _nodeIp.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4",
        Endpoints =
        [
            new V1Endpoint
            {
                Addresses = [_nodeIp.ToString()],
                Conditions = new V1EndpointConditions { Ready = true, Serving = true, Terminating = false },
                NodeName = _nodeName,
            },
        ],
        Ports =
        [
            new Discoveryv1EndpointPort { Name = "dns", Port = _port, Protocol = "UDP" },
            new Discoveryv1EndpointPort { Name = "dns-tcp", Port = _port, Protocol = "TCP" },
            new Discoveryv1EndpointPort { Name = "metrics", Port = 9153, Protocol = "TCP" },
        ],
    };

    /// <summary>Makes the Service and the slice what they should be, once.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var service = DesiredService();
        var existing = await GetAsync(() => _client.CoreV1.ReadNamespacedServiceAsync(ServiceName, Namespace, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (existing is null)
        {
            await _client.CoreV1.CreateNamespacedServiceAsync(service, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (existing.Spec?.Selector is { Count: > 0 } || !SameLabelsAndPorts(existing, service))
        {
            // The cluster IP cannot change in place: keep whatever it has, fix the rest.
            existing.Metadata.Labels = service.Metadata.Labels;
            existing.Spec!.Selector = null;
            existing.Spec.Ports = service.Spec.Ports;
            await _client.CoreV1.ReplaceNamespacedServiceAsync(existing, ServiceName, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        var slice = DesiredSlice();
        var current = await GetAsync(() => _client.DiscoveryV1.ReadNamespacedEndpointSliceAsync(slice.Metadata.Name, Namespace, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (current is null)
        {
            await _client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(slice, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (current.Endpoints is not [{ } only] || only.Addresses is not [{ } address] || address != _nodeIp.ToString()
            || current.Ports?.Count != 3 || current.Ports.Any(p => p.Name is "dns" or "dns-tcp" && p.Port != _port))
        {
            slice.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
            await _client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, Namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Ensures both objects now and every half minute (putting them back if deleted) until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await EnsureAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException)
            {
                _logger.LogWarning("Registering the kube-dns Service failed (will retry): {Error}", e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await Task.Delay(Resync, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static bool SameLabelsAndPorts(V1Service existing, V1Service desired) =>
        desired.Metadata.Labels.All(l => existing.Metadata.Labels?.TryGetValue(l.Key, out var v) == true && v == l.Value)
        && existing.Spec?.Ports?.Count == desired.Spec.Ports.Count
        && desired.Spec.Ports.All(p => existing.Spec.Ports.Any(e => e.Name == p.Name && e.Port == p.Port && e.Protocol == p.Protocol
            && e.TargetPort?.Value == p.TargetPort?.Value));

    private static async Task<T?> GetAsync<T>(Func<Task<T>> get)
        where T : class
    {
        try
        {
            return await get().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
