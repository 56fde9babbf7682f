using System.Net.Sockets;

namespace SharpKube.Kubelet.Probes;

/// <summary>A tcpSocket probe: success when a TCP connection to the port opens within the timeout; it is closed at once.</summary>
internal static class TcpSocketProbe
{
    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static async Task<ProbeResult> RunAsync(string host, int port, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var address = ProbePort.JoinHostPort(host, port);
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, linked.Token);
            return ProbeResult.Success();
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Failure($"dial tcp {address}: i/o timeout");
        }
        catch (SocketException e)
        {
            return ProbeResult.Failure($"dial tcp {address}: {SocketErrorText(e)}");
        }
    }

    /// <summary>The wording users know from upstream's events for the common errors, the system's text otherwise.</summary>
    internal static string SocketErrorText(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connect: connection refused",
        SocketError.HostUnreachable => "connect: no route to host",
        SocketError.NetworkUnreachable => "connect: network is unreachable",
        SocketError.HostNotFound => "lookup: no such host",
        _ => e.Message,
    };
}
