using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SharpKube.Proxy.Tests.Network;

/// <summary>
/// A node and its pods in private network namespaces, for proxy tests that send real traffic: the node namespace
/// (where the proxy's rules go) has a bridge 10.42.0.1/24 with every pod on it, a node address 172.31.0.2 on a veth
/// (whose peer leads nowhere) that also carries the default route (so service IPs are routable), forwarding on and
/// <c>bridge-nf-call-iptables</c> so replies between pods on the bridge are un-NATed. Each endpoint pod
/// (10.42.0.10, .11, …) answers TCP 8080 and UDP 5353 with its name ("ep0", "ep1", …); the client pod is 10.42.0.100.
/// Namespace names are unique per fixture, so tests run side by side.
/// </summary>
public sealed class ServiceNetwork : IAsyncDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly List<EndpointServer> _servers = [];
    private readonly List<string> _endpointNamespaces = [];
    private readonly List<IPAddress> _endpointAddresses = [];

    private ServiceNetwork(string id)
    {
        NodeNamespace = "sk-node-" + id;
        ClientNamespace = "sk-client-" + id;
    }

    /// <summary>The node's namespace: the proxy's rules go here.</summary>
    public string NodeNamespace { get; }

    /// <summary>The node's address (not on the pod bridge).</summary>
    public IPAddress NodeAddress { get; } = IPAddress.Parse("172.31.0.2");

    /// <summary>The bridge's address: the pods' gateway, and the source of masqueraded traffic to them.</summary>
    public IPAddress GatewayAddress { get; } = IPAddress.Parse("10.42.0.1");

    /// <summary>The endpoint pods' addresses, in order: "ep0" is the first.</summary>
    public IReadOnlyList<IPAddress> EndpointAddresses => _endpointAddresses;

    /// <summary>The endpoint pods' namespaces, in the order of <see cref="EndpointAddresses"/>.</summary>
    public IReadOnlyList<string> EndpointNamespaces => _endpointNamespaces;

    /// <summary>A pod-like namespace on the same bridge that sends the requests.</summary>
    public string ClientNamespace { get; }

    /// <summary>The client pod's address.</summary>
    public IPAddress ClientAddress { get; } = IPAddress.Parse("10.42.0.100");

    /// <summary>Builds the network with <paramref name="endpoints"/> endpoint pods.</summary>
    public static async Task<ServiceNetwork> CreateAsync(int endpoints, CancellationToken ct)
    {
        var network = new ServiceNetwork(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
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

    /// <summary>Sends a TCP request from the client pod and returns the trimmed reply.</summary>
    /// <exception cref="ConnectionRefusedException">The connection was refused.</exception>
    /// <exception cref="RequestTimedOutException">No reply within <paramref name="timeout"/>.</exception>
    public Task<string> TcpRequestAsync(IPAddress ip, int port, TimeSpan timeout) =>
        TcpRequestFromAsync(ClientNamespace, ip, port, timeout);

    /// <summary>Sends a UDP request from the client pod and returns the trimmed reply.</summary>
    /// <exception cref="ConnectionRefusedException">An ICMP port unreachable came back.</exception>
    /// <exception cref="RequestTimedOutException">No reply within <paramref name="timeout"/>.</exception>
    public Task<string> UdpRequestAsync(IPAddress ip, int port, TimeSpan timeout) =>
        UdpRequestFromAsync(ClientNamespace, ip, port, 0, timeout);

    /// <summary>Sends a TCP request from any namespace of this network (the node's, an endpoint's).</summary>
    public async Task<string> TcpRequestFromAsync(string networkNamespace, IPAddress ip, int port, TimeSpan timeout)
    {
        using var socket = NamespaceSockets.Create(networkNamespace, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(ip, port), deadline.Token);
            var reply = new StringBuilder();
            var buffer = new byte[256];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
            {
                reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return reply.ToString().Trim();
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            throw new ConnectionRefusedException($"{ip}:{port}/tcp from {networkNamespace}: {e.SocketErrorCode}", e);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new RequestTimedOutException($"{ip}:{port}/tcp from {networkNamespace}: no answer in {timeout}");
        }
    }

    /// <summary>
    /// Sends a UDP request from any namespace of this network; a non-zero <paramref name="sourcePort"/> reuses one
    /// flow (one conntrack entry) across requests.
    /// </summary>
    public async Task<string> UdpRequestFromAsync(string networkNamespace, IPAddress ip, int port, int sourcePort, TimeSpan timeout)
    {
        using var socket = NamespaceSockets.Create(networkNamespace, SocketType.Dgram, ProtocolType.Udp);
        if (sourcePort != 0)
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Any, sourcePort));
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            // A connected socket is told of ICMP port unreachable, as ECONNREFUSED on the next receive.
            await socket.ConnectAsync(new IPEndPoint(ip, port), deadline.Token);
            await socket.SendAsync("?"u8.ToArray(), SocketFlags.None, deadline.Token);
            var buffer = new byte[256];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).Trim();
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            throw new ConnectionRefusedException($"{ip}:{port}/udp from {networkNamespace}: {e.SocketErrorCode}", e);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new RequestTimedOutException($"{ip}:{port}/udp from {networkNamespace}: no answer in {timeout}");
        }
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="networkNamespace"/> and returns its output; throws when it fails.</summary>
    public static async Task<string> RunInAsync(string networkNamespace, string program, params string[] arguments)
    {
        return await RunAsync("ip", ["netns", "exec", networkNamespace, program, .. arguments]);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        foreach (var networkNamespace in Enumerable.Reverse(_namespaces))
        {
            try
            {
                await RunAsync("ip", ["netns", "del", networkNamespace]);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private async Task BuildAsync(int endpoints, CancellationToken ct)
    {
        var node = NodeNamespace;
        await AddNamespaceAsync(node);
        await IpAsync(node, "link", "set", "lo", "up");
        await IpAsync(node, "link", "add", "br0", "type", "bridge");
        await IpAsync(node, "addr", "add", GatewayAddress + "/24", "dev", "br0");
        await IpAsync(node, "link", "set", "br0", "up");
        await IpAsync(node, "link", "add", "node0", "type", "veth", "peer", "name", "uplink");
        await IpAsync(node, "link", "set", "uplink", "up");
        await IpAsync(node, "addr", "add", NodeAddress + "/24", "dev", "node0");
        await IpAsync(node, "link", "set", "node0", "up");
        await IpAsync(node, "route", "add", "default", "via", "172.31.0.1", "dev", "node0");
        await RunInAsync(node, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.bridge.bridge-nf-call-iptables=1");

        for (var i = 0; i < endpoints; i++)
        {
            ct.ThrowIfCancellationRequested();
            var address = IPAddress.Parse("10.42.0." + (10 + i));
            var name = NodeNamespace.Replace("sk-node-", "sk-ep" + i + "-", StringComparison.Ordinal);
            await AddPodAsync(name, "vep" + i, address);
            _endpointNamespaces.Add(name);
            _endpointAddresses.Add(address);
            _servers.Add(new EndpointServer(name, "ep" + i));
        }

        await AddPodAsync(ClientNamespace, "vclient", ClientAddress);
    }

    private async Task AddPodAsync(string networkNamespace, string hostInterface, IPAddress address)
    {
        await AddNamespaceAsync(networkNamespace);
        await IpAsync(NodeNamespace, "link", "add", hostInterface, "type", "veth", "peer", "name", "eth0", "netns", networkNamespace);
        await IpAsync(NodeNamespace, "link", "set", hostInterface, "master", "br0", "up");

        // Hairpin: a pod's own packets, DNATed back to it, leave the bridge on the port they came in by.
        await IpAsync(NodeNamespace, "link", "set", hostInterface, "type", "bridge_slave", "hairpin", "on");
        await IpAsync(networkNamespace, "link", "set", "lo", "up");
        await IpAsync(networkNamespace, "addr", "add", address + "/24", "dev", "eth0");
        await IpAsync(networkNamespace, "link", "set", "eth0", "up");
        await IpAsync(networkNamespace, "route", "add", "default", "via", GatewayAddress.ToString());
    }

    private async Task AddNamespaceAsync(string networkNamespace)
    {
        await RunAsync("ip", ["netns", "add", networkNamespace]);
        _namespaces.Add(networkNamespace);
    }

    private static Task<string> IpAsync(string networkNamespace, params string[] arguments) =>
        RunAsync("ip", ["-n", networkNamespace, .. arguments]);

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await error).Trim()}");
        }

        return await output;
    }
}
