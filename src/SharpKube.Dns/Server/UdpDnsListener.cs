using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SharpKube.Dns.Server;

/// <summary>
/// Serves DNS over UDP on one address: several threads block in <c>ReceiveFrom</c> on the one socket, each with
/// its own buffers and a reused <see cref="SocketAddress"/>, and answer cached and zone names without allocating;
/// forwarded names are answered from a task when the upstream replies.
/// </summary>
internal sealed class UdpDnsListener : IDisposable
{
    private readonly Socket _socket;
    private readonly DnsRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly Thread[] _threads;
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _ipv6;

    /// <summary>Binds <paramref name="endpoint"/> (port 0 picks one) and starts <paramref name="workers"/> receiving threads.</summary>
    public UdpDnsListener(IPEndPoint endpoint, int workers, DnsRequestHandler handler, ILogger logger)
    {
        _handler = handler;
        _logger = logger;
        _ipv6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        _socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Bursts of queries wait in the kernel rather than being dropped while the threads catch up.
            _socket.ReceiveBufferSize = 4 << 20;
            _socket.Bind(endpoint);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _threads = new Thread[Math.Max(1, workers)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Receive) { IsBackground = true, Name = $"dns-udp-{LocalEndPoint.Port}-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Whether every receiving thread has ended (after <see cref="Dispose"/>).</summary>
    public bool Stopped => _threads.All(t => !t.IsAlive);

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
        _stop.Dispose();
    }

    private void Receive()
    {
        var buffer = new byte[65536];
        var response = new byte[65536];
        var from = new SocketAddress(_socket.AddressFamily);
        while (!_stop.IsCancellationRequested)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                // An ICMP error from an earlier send, say: the socket itself is fine.
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            try
            {
                var length = _handler.Respond(buffer.AsSpan(0, received), response, tcp: false, _ipv6);
                if (length > 0)
                {
                    _socket.SendTo(response.AsSpan(0, length), SocketFlags.None, from);
                }
                else if (length == DnsRequestHandler.Forward)
                {
                    var query = buffer.AsSpan(0, received).ToArray();
                    var client = new SocketAddress(from.Family, from.Size);
                    from.Buffer.CopyTo(client.Buffer);
                    _ = ForwardAsync(query, client);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Answering a UDP query failed");
            }
        }
    }

    private async Task ForwardAsync(byte[] query, SocketAddress client)
    {
        try
        {
            var response = await _handler.ForwardAsync(query, tcp: false, _stop.Token).ConfigureAwait(false);
            // Synchronous on purpose: one asynchronous operation would switch the socket to non-blocking mode and slow
            // the receiving threads' blocking calls down.
            _socket.SendTo(response, SocketFlags.None, client);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopping, or the client went away.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Forwarding a UDP query failed");
        }
    }
}
