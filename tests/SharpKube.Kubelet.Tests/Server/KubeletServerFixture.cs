using System.Net;
using System.Security.Cryptography.X509Certificates;
using k8s.Models;
using SharpKube.Kubelet.Server;
using SharpKube.Kubelet.Tests.Logs;

namespace SharpKube.Kubelet.Tests.Server;

/// <summary>
/// A real kubelet server on 127.0.0.1 port 0 serving one pod, <c>default/web</c>, whose container <c>app</c> logs to a
/// prepared CRI log file; other names give the errors upstream's kubelet gives.
/// </summary>
public sealed class KubeletServerFixture : IAsyncLifetime
{
    public X509Certificate2 Authority { get; } = TestCertificates.CreateAuthority("test-cluster-ca");

    public CriLogFile Log { get; } = new();

    public KubeletServer Server { get; private set; } = null!;

    public Uri Url => new($"https://127.0.0.1:{Server.Port}");

    /// <summary>Whether container <c>app</c> is running: a follow read ends once it is false.</summary>
    public bool AppRunning { get; set; } = true;

    public static V1Pod Pod { get; } = new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "0b5d4c39-1f0e-4d8e-9a55-0a1f7d6b2c11" },
        Spec = new V1PodSpec { NodeName = "node-1", Containers = [new V1Container { Name = "app", Image = "busybox" }] },
    };

    public async ValueTask InitializeAsync()
    {
        Server = await KubeletServer.StartAsync(Options(Authority, TestCertificates.IssueServing(Authority)), CancellationToken.None);
    }

    public KubeletServerOptions Options(X509Certificate2 clientAuthority, X509Certificate2 serving) => new()
    {
        BindAddress = IPAddress.Loopback,
        Port = 0,
        ServingCertificate = serving,
        ClientCertificateAuthority = clientAuthority,
        Pods = () => [Pod],
        ContainerLogs = ResolveAsync,
        LogPollInterval = TimeSpan.FromMilliseconds(20),
    };

    private Task<ContainerLogSource> ResolveAsync(string ns, string pod, string container, bool previous, CancellationToken cancellationToken) =>
        Task.FromResult((ns, pod, container, previous) switch
        {
            (_, _, "creating", _) => ContainerLogSource.WaitingToStart("creating", pod, "ContainerCreating"),
            ("default", "web", "app", false) => ContainerLogSource.FromFile(Log.Path, () => AppRunning),
            ("default", "web", "app", true) => ContainerLogSource.PreviousNotFound("app", "web"),
            ("default", "web", _, _) => ContainerLogSource.ContainerNotFound(container, pod),
            _ => ContainerLogSource.PodNotFound(pod),
        });

    /// <summary>An HttpClient that presents <paramref name="clientCertificate"/> (none when null) and trusts any server.</summary>
    public static HttpClient Client(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        Log.Dispose();
    }
}
