using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SharpKube.Cli.Bench.PodStartup.Results;

namespace SharpKube.Cli.Bench.SingleNode;

/// <summary>
/// Reads the kubelet's own account of each pod's start from its HTTPS server (<c>GET /debug/pods/startup</c>), presenting
/// a client certificate of the cluster CA as the API server does.
/// </summary>
internal sealed class KubeletDebugClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly X509Certificate2 _certificate;

    public KubeletDebugClient(int port, X509Certificate2 clientCertificate)
    {
        _certificate = clientCertificate;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [clientCertificate];
        // `sharpkube kubelet` serves a self-signed certificate, and this is a loopback call to the port the benchmark chose.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        _client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Every pod start the kubelet keeps, by pod uid.</summary>
    public async Task<IReadOnlyDictionary<string, KubeletPodStartup>> PodStartupsAsync(CancellationToken cancellationToken)
    {
        await using var body = await _client.GetStreamAsync(new Uri("/debug/pods/startup", UriKind.Relative), cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var pods = new Dictionary<string, KubeletPodStartup>(StringComparer.Ordinal);
        foreach (var pod in json.RootElement.GetProperty("pods").EnumerateArray())
        {
            var uid = pod.GetProperty("uid").GetString()!;
            pods[uid] = new KubeletPodStartup(
                uid,
                pod.GetProperty("name").GetString()!,
                Number(pod.GetProperty("firstSeenToRunningMs")),
                pod.GetProperty("criMs").GetDouble(),
                pod.GetProperty("criCalls").GetInt32(),
                Number(pod.GetProperty("overheadMs")));
        }

        return pods;
    }

    /// <summary>The kubelet's metrics, Prometheus text.</summary>
    public Task<string> MetricsAsync(CancellationToken cancellationToken) =>
        _client.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _certificate.Dispose();
    }

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
