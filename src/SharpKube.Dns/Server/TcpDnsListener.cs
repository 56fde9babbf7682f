using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SharpKube.Dns.Server;

/// <summary>
/// Serves DNS over TCP (RFC 7766) on one address: length-prefixed queries answered in order on each connection, a
/// bounded number of connections, an idle timeout, and no query larger than <see cref="DnsRequestHandler.MaxQueryLength"/>.
/// </summary>
internal sealed class TcpDnsListener : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly DnsRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connections;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly bool _ipv6;

    /// <summary>Binds <paramref name="endpoint"/> and starts accepting.</summary>
    public TcpDnsListener(IPEndPoint endpoint, int maxConnections, TimeSpan idleTimeout, DnsRequestHandler handler, ILogger logger)
    {
        _handler = handler;
        _logger = logger;
        _idleTimeout = idleTimeout;
        _connections = new SemaphoreSlim(maxConnections, maxConnections);
        _ipv6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A port some earlier connection still holds in TIME_WAIT can be listened on again (SO_REUSEADDR).
            _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Bind(endpoint);
            _listener.Listen(512);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _accepting = AcceptAsync();
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            if (!_connections.Wait(0))
            {
                // At the limit: refuse by closing at once, as RFC 7766 §6.2.2 lets a busy server do.
                connection.Dispose();
                continue;
            }
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        try
        {
            using (connection)
            {
                connection.NoDelay = true;
                var prefix = new byte[2];
                var query = new byte[DnsRequestHandler.MaxQueryLength];
                var response = new byte[65537];
                while (!_stop.IsCancellationRequested)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    idle.CancelAfter(_idleTimeout);
                    if (!await ReadExactlyAsync(connection, prefix, idle.Token).ConfigureAwait(false))
                    {
                        return;
                    }
                    var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                    if (length > query.Length || !await ReadExactlyAsync(connection, query.AsMemory(0, length), idle.Token).ConfigureAwait(false))
                    {
                        return;
                    }
                    var written = _handler.Respond(query.AsSpan(0, length), response.AsSpan(2), tcp: true, _ipv6);
                    if (written == DnsRequestHandler.Forward)
                    {
                        var answer = await _handler.ForwardAsync(query.AsSpan(0, length).ToArray(), tcp: true, _stop.Token).ConfigureAwait(false);
                        answer.CopyTo(response, 2);
                        written = answer.Length;
                    }
                    if (written <= 0)
                    {
                        // A message not worth an answer (a response, a runt): the stream cannot be trusted further.
                        return;
                    }
                    BinaryPrimitives.WriteUInt16BigEndian(response, (ushort)written);
                    await connection.SendAsync(response.AsMemory(0, written + 2), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Idle, stopping, or the client went away.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Serving a TCP connection failed");
        }
        finally
        {
            _connections.Release();
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket connection, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await connection.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }
            read += n;
        }
        return true;
    }
}
