using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SharpKube.Proxy.Tests.Network;

/// <summary>
/// One endpoint's servers, in its namespace: TCP port 8080 answers each connection with the endpoint's name and
/// closes it; UDP port 5353 answers each datagram with the name.
/// </summary>
internal sealed class EndpointServer : IAsyncDisposable
{
    /// <summary>The TCP port.</summary>
    public const int TcpPort = 8080;

    /// <summary>The UDP port.</summary>
    public const int UdpPort = 5353;

    private readonly Socket _tcp;
    private readonly Socket _udp;
    private readonly byte[] _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _tcpLoop;
    private readonly Task _udpLoop;

    public EndpointServer(string networkNamespace, string name)
    {
        _reply = Encoding.ASCII.GetBytes(name + "\n");
        _tcp = NamespaceSockets.Create(networkNamespace, SocketType.Stream, ProtocolType.Tcp);
        _tcp.Bind(new IPEndPoint(IPAddress.Any, TcpPort));
        _tcp.Listen(128);
        _udp = NamespaceSockets.Create(networkNamespace, SocketType.Dgram, ProtocolType.Udp);
        _udp.Bind(new IPEndPoint(IPAddress.Any, UdpPort));
        _tcpLoop = ServeTcpAsync(_stop.Token);
        _udpLoop = ServeUdpAsync(_stop.Token);
    }

    private async Task ServeTcpAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _tcp.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(connection, cancellationToken);
        }
    }

    private async Task AnswerAsync(Socket connection, CancellationToken cancellationToken)
    {
        using (connection)
        {
            try
            {
                await connection.SendAsync(_reply, SocketFlags.None, cancellationToken);
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    private async Task ServeUdpAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken);
                await _udp.SendToAsync(_reply, SocketFlags.None, received.RemoteEndPoint, cancellationToken);
            }
            catch (SocketException)
            {
                // An ICMP error for an earlier reply; keep serving.
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        _udp.Dispose();
        await Task.WhenAll(_tcpLoop, _udpLoop);
        _stop.Dispose();
    }
}
