using System.Net;
using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Dns.Hosting;
using SharpKube.Proxy;

namespace SharpKube.Cli.Commands;

/// <summary>
/// The node's service networking inside <c>sharpkube server</c> and <c>sharpkube agent</c>: the service proxy
/// programming this node's packet filter, and the cluster DNS listening on the node's address, port 53, and kept as an
/// endpoint of the <c>kube-system/kube-dns</c> Service, so that pods reach it at the cluster DNS address through the
/// proxy's rules. Both run beside the kubelet: a server without a node (<c>--disable kubelet</c>) runs neither.
/// </summary>
internal sealed class InProcessServiceNetworking : IAsyncDisposable
{
    private readonly RunningServiceProxy? _proxy;
    private readonly RunningClusterDns? _dns;
    private readonly Kubernetes[] _clients;

    private InProcessServiceNetworking(RunningServiceProxy? proxy, RunningClusterDns? dns, Kubernetes[] clients)
    {
        _proxy = proxy;
        _dns = dns;
        _clients = clients;
    }

    /// <summary>
    /// Starts the proxy over <paramref name="proxyClient"/> and the DNS over <paramref name="dnsClient"/>, each unless its
    /// client is null (disabled). The result disposes the clients when <paramref name="ownsClients"/>.
    /// </summary>
    public static async Task<InProcessServiceNetworking> StartAsync(Kubernetes? proxyClient, Kubernetes? dnsClient, ServiceNetworkingOptions options,
        ILoggerFactory loggers, CancellationToken cancellationToken, bool ownsClients = true)
    {
        Kubernetes[] clients = ownsClients ? [.. new[] { proxyClient, dnsClient }.OfType<Kubernetes>().Distinct()] : [];
        RunningServiceProxy? proxy = null;
        try
        {
            proxy = proxyClient is null ? null : await ServiceProxy.StartAsync(proxyClient, new ProxyOptions
            {
                Mode = options.ProxyMode,
                NodeName = options.NodeName,
                NodeAddresses = [options.NodeIp],
                ClusterCidr = options.ClusterCidr,
            }, loggers, cancellationToken).ConfigureAwait(false);
            var dns = dnsClient is null ? null : await RunningClusterDns.StartAsync(dnsClient, new DnsOptions
            {
                ListenAddresses = [options.NodeIp],
                ClusterDomain = options.ClusterDomain,
                ReverseNetworks = [IPNetwork.Parse(options.ServiceCidr), IPNetwork.Parse(options.ClusterCidr)],
                ResolvConfPath = options.ResolvConf,
                // Metrics on the loopback only; the liveness and readiness ports of a DNS pod have no place on a host.
                HttpAddress = IPAddress.Loopback,
                HealthPort = null,
                ReadyPort = null,
                RegisterService = true,
                NodeName = options.NodeName,
                NodeIp = options.NodeIp,
                ClusterDnsIp = IPAddress.Parse(options.ClusterDns),
            }, loggers, cancellationToken).ConfigureAwait(false);
            return new InProcessServiceNetworking(proxy, dns, clients);
        }
        catch
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }
            foreach (var client in clients)
            {
                client.Dispose();
            }
            throw;
        }
    }

    /// <summary>Stops the DNS and the proxy; the proxy's rules stay, so services keep working across a restart.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_dns is not null)
        {
            await _dns.DisposeAsync().ConfigureAwait(false);
        }
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
