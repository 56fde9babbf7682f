using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SharpKube.ApiServer.Pki;

namespace SharpKube.ApiServer.Streaming;

/// <summary>
/// Opens raw TLS connections to kubelets for upgrade requests (exec, attach, port-forward), presenting the API
/// server's kubelet client certificate and, as upstream without <c>--kubelet-certificate-authority</c>, not verifying
/// the kubelet's certificate. HTTP/1.1 only: upgrades do not exist in HTTP/2.
/// </summary>
public sealed class KubeletConnector : IDisposable
{
    private readonly X509Certificate2 _certificate;

    /// <summary>Creates a connector authenticating with <paramref name="credentials"/>.</summary>
    public KubeletConnector(ClientCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _certificate = credentials.CreateCertificate();
    }

    /// <summary>Connects to the kubelet at <paramref name="baseUrl"/> (<c>https://host:port</c>).</summary>
    /// <exception cref="IOException">The kubelet cannot be reached or the TLS handshake failed.</exception>
    public async Task<KubeletConnection> ConnectAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? tls = null;
        try
        {
            await socket.ConnectAsync(baseUrl.IdnHost, baseUrl.Port, cancellationToken).ConfigureAwait(false);
            tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = baseUrl.IdnHost,
                ClientCertificates = [_certificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
            }, cancellationToken).ConfigureAwait(false);
            return new KubeletConnection(socket, tls);
        }
        catch (Exception e) when (e is SocketException or System.Security.Authentication.AuthenticationException)
        {
            await DisposeAsync(socket, tls).ConfigureAwait(false);
            throw new IOException($"dial {baseUrl.Authority}: {e.Message}", e);
        }
        catch
        {
            await DisposeAsync(socket, tls).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _certificate.Dispose();

    private static async ValueTask DisposeAsync(Socket socket, SslStream? tls)
    {
        if (tls is not null)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
        }
        socket.Dispose();
    }
}
