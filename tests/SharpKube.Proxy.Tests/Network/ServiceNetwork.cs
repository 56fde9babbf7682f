using System.Diagnostics;
using System.Net;

namespace SharpKube.Proxy.Tests.Network;

/// <summary>
/// A node in miniature, made of private network namespaces: the node (where the proxy's rules go) with a bridge for
/// its pods at 10.42.0.1/24 and a node address 192.168.100.1 on a link to an "outside" host at 192.168.100.2; one pod
/// per endpoint on the bridge (10.42.0.10, .11, …, each answering TCP 8080 and UDP 5353 with its name "ep0", "ep1",
/// …); and a client pod at 10.42.0.100. Names are unique per instance, so tests run side by side; disposing deletes
/// every namespace.
/// </summary>
public sealed class ServiceNetwork : IAsyncDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly List<EndpointServer> _servers = [];

    private ServiceNetwork(string id)
    {
        NodeNamespace = $"sk-pn-{id}";
        ClientNamespace = $"sk-pc-{id}";
        OutsideNamespace = $"sk-po-{id}";
    }

    /// <summary>The node's namespace, where the proxy programs its rules.</summary>
    public string NodeNamespace { get; }

    /// <summary>The node's address (on its link to the outside host): where node ports are served.</summary>
    public IPAddress NodeAddress { get; } = IPAddress.Parse("192.168.100.1");

    /// <summary>Each endpoint pod's address; endpoint i answers with "ep{i}".</summary>
    public IReadOnlyList<IPAddress> EndpointAddresses { get; private set; } = [];

    /// <summary>Each endpoint pod's namespace.</summary>
    public IReadOnlyList<string> EndpointNamespaces { get; private set; } = [];

    /// <summary>A client pod's namespace, on the node's bridge.</summary>
    public string ClientNamespace { get; }

    /// <summary>The client pod's address.</summary>
    public IPAddress ClientAddress { get; } = IPAddress.Parse("10.42.0.100");

    /// <summary>A host off the node, routed to it (its default route is the node).</summary>
    public string OutsideNamespace { get; }

    /// <summary>The outside host's address.</summary>
    public IPAddress OutsideAddress { get; } = IPAddress.Parse("192.168.100.2");

    /// <summary>Builds the network with <paramref name="endpoints"/> endpoint pods.</summary>
    public static async Task<ServiceNetwork> CreateAsync(int endpoints, CancellationToken ct)
    {
        var network = new ServiceNetwork(Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await network.BuildAsync(endpoints, ct);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    private async Task BuildAsync(int endpoints, CancellationToken ct)
    {
        var node = NodeNamespace;
        await AddNamespaceAsync(node, ct);
        await IpAsync(ct, "-n", node, "link", "add", "br0", "type", "bridge");
        await IpAsync(ct, "-n", node, "addr", "add", "10.42.0.1/24", "dev", "br0");
        await IpAsync(ct, "-n", node, "link", "set", "br0", "up");

        var addresses = new List<IPAddress>();
        var namespaces = new List<string>();
        for (var i = 0; i < endpoints; i++)
        {
            var ns = $"{node.Replace("sk-pn-", "sk-pe-", StringComparison.Ordinal)}-{i}";
            var address = IPAddress.Parse($"10.42.0.{10 + i}");
            await AddPodAsync(ns, $"ve{i}", address, ct);
            addresses.Add(address);
            namespaces.Add(ns);
            _servers.Add(await EndpointServer.StartAsync(ns, $"ep{i}"));
        }
        EndpointAddresses = addresses;
        EndpointNamespaces = namespaces;
        await AddPodAsync(ClientNamespace, "vc", ClientAddress, ct);

        await AddNamespaceAsync(OutsideNamespace, ct);
        await IpAsync(ct, "-n", node, "link", "add", "ext0", "type", "veth", "peer", "name", "eth0", "netns", OutsideNamespace);
        await IpAsync(ct, "-n", node, "addr", "add", NodeAddress + "/24", "dev", "ext0");
        await IpAsync(ct, "-n", node, "link", "set", "ext0", "up");
        await IpAsync(ct, "-n", OutsideNamespace, "addr", "add", OutsideAddress + "/24", "dev", "eth0");
        await IpAsync(ct, "-n", OutsideNamespace, "link", "set", "eth0", "up");
        await IpAsync(ct, "-n", OutsideNamespace, "route", "add", "default", "via", NodeAddress.ToString());
        // Cluster IPs have no route of their own: as on a real node, they follow the default route until DNAT changes them.
        await IpAsync(ct, "-n", node, "route", "add", "default", "via", OutsideAddress.ToString());
    }

    private async Task AddPodAsync(string ns, string hostSide, IPAddress address, CancellationToken ct)
    {
        await AddNamespaceAsync(ns, ct);
        await IpAsync(ct, "-n", NodeNamespace, "link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", ns);
        await IpAsync(ct, "-n", NodeNamespace, "link", "set", hostSide, "master", "br0");
        await IpAsync(ct, "-n", NodeNamespace, "link", "set", hostSide, "type", "bridge_slave", "hairpin", "on");
        await IpAsync(ct, "-n", NodeNamespace, "link", "set", hostSide, "up");
        await IpAsync(ct, "-n", ns, "addr", "add", address + "/24", "dev", "eth0");
        await IpAsync(ct, "-n", ns, "link", "set", "eth0", "up");
        await IpAsync(ct, "-n", ns, "route", "add", "default", "via", "10.42.0.1");
    }

    private async Task AddNamespaceAsync(string ns, CancellationToken ct)
    {
        await IpAsync(ct, "netns", "add", ns);
        _namespaces.Add(ns);
        await IpAsync(ct, "-n", ns, "link", "set", "lo", "up");
    }

    /// <summary>A TCP request from the client pod: the endpoint's name.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">Refused (<c>SocketError.ConnectionRefused</c>) or unreachable.</exception>
    /// <exception cref="TimeoutException">No answer in time.</exception>
    public Task<string> TcpRequestAsync(IPAddress ip, int port, TimeSpan timeout) =>
        NamespaceSockets.TcpRequestAsync(ClientNamespace, ip, port, timeout);

    /// <summary>A UDP request from the client pod: the endpoint's name.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">Refused (<c>SocketError.ConnectionRefused</c>).</exception>
    /// <exception cref="TimeoutException">No answer in time.</exception>
    public Task<string> UdpRequestAsync(IPAddress ip, int port, TimeSpan timeout) =>
        NamespaceSockets.UdpRequestAsync(ClientNamespace, ip, port, timeout);

    /// <summary>A TCP request from the outside host.</summary>
    public Task<string> TcpRequestFromOutsideAsync(IPAddress ip, int port, TimeSpan timeout) =>
        NamespaceSockets.TcpRequestAsync(OutsideNamespace, ip, port, timeout);

    /// <summary>Deletes every namespace (and with them their links and rules).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            await RunAsync("ip", ["netns", "del", ns], CancellationToken.None, check: false);
        }
    }

    private static Task IpAsync(CancellationToken ct, params string[] arguments) => RunAsync("ip", arguments, ct, check: true);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct, bool check)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await error).Trim()}");
        }
    }
}
