using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SharpKube.Proxy.Tests.Network;

/// <summary>A "pod" answering every TCP connection on 8080 and every UDP datagram on 5353 with its name.</summary>
public sealed class EndpointServer : IAsyncDisposable
{
    /// <summary>The TCP port.</summary>
    public const int TcpPort = 8080;

    /// <summary>The UDP port.</summary>
    public const int UdpPort = 5353;

    private readonly Socket _tcp;
    private readonly Socket _udp;
    private readonly byte[] _name;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private EndpointServer(Socket tcp, Socket udp, string name)
    {
        _tcp = tcp;
        _udp = udp;
        _name = Encoding.UTF8.GetBytes(name + "\n");
        _serving = Task.WhenAll(Task.Run(ServeTcpAsync), Task.Run(ServeUdpAsync));
    }

    /// <summary>Starts serving in <paramref name="ns"/> as <paramref name="name"/>.</summary>
    public static async Task<EndpointServer> StartAsync(string ns, string name)
    {
        var tcp = await NamespaceSockets.CreateAsync(ns, SocketType.Stream, ProtocolType.Tcp);
        tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        tcp.Bind(new IPEndPoint(IPAddress.Any, TcpPort));
        tcp.Listen(128);
        var udp = await NamespaceSockets.CreateAsync(ns, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Any, UdpPort));
        return new EndpointServer(tcp, udp, name);
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var connection = await _tcp.AcceptAsync(_stop.Token);
                await connection.SendAsync(_name, SocketFlags.None, _stop.Token);
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task ServeUdpAsync()
    {
        var buffer = new byte[512];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                await _udp.SendToAsync(_name, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        _udp.Dispose();
        await _serving;
        _stop.Dispose();
    }
}
