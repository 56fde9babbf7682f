using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace SharpKube.ApiServer.Pki;

/// <summary>The TLS settings of the API server's HTTPS endpoint.</summary>
public static class ApiServerHttps
{
    /// <summary>
    /// Serves the cluster's serving certificate over TLS 1.2/1.3 and asks for an optional client certificate,
    /// accepted only if it chains to the cluster CA: a client presenting any other certificate fails the handshake,
    /// a client presenting none gets through (and may authenticate with a bearer token).
    /// HTTP/1.1 and HTTP/2 are offered through ALPN by the listener's protocols
    /// (<c>HttpProtocols.Http1AndHttp2</c>, Kestrel's default).
    /// </summary>
    public static void Configure(HttpsConnectionAdapterOptions options, ClusterPki pki)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pki);
        options.ServerCertificate = pki.ServingCertificate;
        options.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        options.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
        options.CheckCertificateRevocation = false;
        options.ClientCertificateValidation = pki.ClientCertificates.Validate;
    }
}
