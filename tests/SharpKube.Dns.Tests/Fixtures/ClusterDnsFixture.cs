using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.Dns.Hosting;
using SharpKube.Storage;

namespace SharpKube.Dns.Tests.Fixtures;

/// <summary>
/// A real API server in-process on 127.0.0.1 port 0 (temporary data directory, SQLite), a real dnsmasq as the
/// upstream, and the cluster DNS on 127.0.0.1 with free ports for DNS and its HTTP endpoints.
/// </summary>
public sealed class ClusterDnsFixture : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sharpkube-dns-test-").FullName;
    private RunningApiServer? _server;

    /// <summary>An admin client.</summary>
    public Kubernetes Client { get; private set; } = null!;

    /// <summary>The upstream resolver.</summary>
    public Dnsmasq Upstream { get; private set; } = null!;

    /// <summary>The DNS server.</summary>
    public RunningClusterDns Dns { get; private set; } = null!;

    /// <summary>A dig aimed at the DNS server.</summary>
    public Dig Dig => new("127.0.0.1", Dns.UdpEndPoints[0].Port);

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        _server = await ApiServerHost.StartAsync(new ApiServerOptions
        {
            DataDir = _dataDir,
            BindAddress = IPAddress.Loopback,
            HttpsPort = 0,
            Datastore = DatastoreDriver.Sqlite,
        }, NullLoggerFactory.Instance, CancellationToken.None);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.AdminKubeconfigPath));
        Upstream = await Dnsmasq.StartAsync();
        Dns = await RunningClusterDns.StartAsync(Client, new DnsOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            Upstreams = [Upstream.EndPoint],
            HttpAddress = IPAddress.Loopback,
            MetricsPort = 0,
            HealthPort = 0,
            ReadyPort = 0,
            UdpWorkers = 2,
        }, NullLoggerFactory.Instance, CancellationToken.None);
        Assert.True(await Dns.Synced.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Creates a namespace for one test.</summary>
    public async Task<string> NamespaceAsync(string name)
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } },
            cancellationToken: TestContext.Current.CancellationToken);
        return name;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Dns is not null)
        {
            await Dns.DisposeAsync();
        }
        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }
        Client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
