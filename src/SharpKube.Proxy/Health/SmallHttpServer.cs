using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SharpKube.Proxy.Health;

/// <summary>
/// A minimal HTTP/1.1 server for the proxy's few plain-text endpoints (metrics, health, Service health checks): one
/// GET per connection, answered and closed. Small enough to run one per health check node port.
/// </summary>
public sealed class SmallHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<string, CancellationToken, Task<HttpReply>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private SmallHttpServer(TcpListener listener, Func<string, CancellationToken, Task<HttpReply>> handler)
    {
        _listener = listener;
        _handler = handler;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The address and port listened on (the picked port when asked for 0).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Listens on <paramref name="endPoint"/> and answers each request path with <paramref name="handler"/>.</summary>
    public static SmallHttpServer Start(IPEndPoint endPoint, Func<string, CancellationToken, Task<HttpReply>> handler)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(handler);
        var listener = new TcpListener(endPoint);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return new SmallHttpServer(listener, handler);
    }

    /// <summary>Parses <c>HOST:PORT</c> (<c>[v6]:PORT</c>, <c>localhost</c> allowed); null when it is not one.</summary>
    public static IPEndPoint? ParseEndPoint(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return null;
        }
        var host = text[..colon].Trim('[', ']');
        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }
        return IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : null;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var head = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
            var requestLine = head[..Math.Max(0, head.IndexOf('\r', StringComparison.Ordinal))].Split(' ');
            HttpReply reply;
            if (requestLine.Length < 2)
            {
                reply = HttpReply.Text(400, "bad request\n");
            }
            else if (requestLine[0] is not ("GET" or "HEAD"))
            {
                reply = HttpReply.Text(405, "method not allowed\n");
            }
            else
            {
                var path = requestLine[1];
                var query = path.IndexOf('?', StringComparison.Ordinal);
                reply = await _handler(query < 0 ? path : path[..query], timeout.Token).ConfigureAwait(false);
            }
            var header = $"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\nContent-Type: {reply.ContentType}\r\nContent-Length: {reply.Body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header), timeout.Token).ConfigureAwait(false);
            if (requestLine[0] != "HEAD")
            {
                await stream.WriteAsync(reply.Body, timeout.Token).ConfigureAwait(false);
            }
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away or was too slow: nothing to answer.
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }
        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "Status",
    };

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }
}
