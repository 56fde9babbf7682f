using System.Net.Security;
using SharpKube.ApiServer.Pki;

namespace SharpKube.ApiServer.PodLogs;

/// <summary>
/// The API server's HTTPS client towards kubelets: it presents the API server's kubelet client certificate and, as
/// upstream without <c>--kubelet-certificate-authority</c>, does not verify the kubelet's serving certificate.
/// </summary>
public sealed class KubeletLogClient : IDisposable
{
    private readonly HttpClient _client;

    /// <summary>Creates a client authenticating with <paramref name="credentials"/>.</summary>
    public KubeletLogClient(ClientCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [credentials.CreateCertificate()],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends GET <paramref name="url"/> and returns once the response headers arrived (the body streams).</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();
}
