using System.Net.Security;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// The HTTP client httpGet probes need: it follows no redirects itself (the probe decides which to follow), accepts
/// any server certificate (probes check liveness, not identity, as upstream), keeps no connections between probes,
/// and has no overall timeout of its own (each probe has its own).
/// </summary>
public static class ProbeHttpClient
{
    /// <summary>A new client for <see cref="ContainerReadiness"/> and <see cref="Prober"/>; dispose it with them.</summary>
    public static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            // A probe opens a fresh connection each time, as upstream does, so a wedged connection never hides a
            // healthy server and a restarted one is seen at once.
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
