using System.Net.Security;
using System.Net.Sockets;
using SharpKube.ApiMachinery.HttpStream;

namespace SharpKube.ApiServer.Streaming;

/// <summary>
/// One TLS connection to a kubelet, opened for a single upgrade request: its stream, and a way to half-close it (end
/// of input for the kubelet) while still reading what the kubelet sends.
/// </summary>
public sealed class KubeletConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SslStream _tls;

    internal KubeletConnection(Socket socket, SslStream tls)
    {
        _socket = socket;
        _tls = tls;
    }

    /// <summary>The decrypted byte stream.</summary>
    public Stream Stream => _tls;

    /// <summary>Sends the head of an upgrade request and reads the kubelet's response head.</summary>
    public async Task<UpgradeResponseHead> UpgradeAsync(byte[] requestHead, CancellationToken cancellationToken)
    {
        await _tls.WriteAsync(requestHead, cancellationToken).ConfigureAwait(false);
        await _tls.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await UpgradeResponseHead.ReadAsync(_tls, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the kubelet no more bytes come (TLS close_notify, then a TCP half-close); reading goes on.</summary>
    public async ValueTask CloseOutputAsync()
    {
        try
        {
            await _tls.ShutdownAsync().ConfigureAwait(false);
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (UpgradedConnectionPump.IsDisconnect(e) || e is InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
