using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.Kubelet.Server;
using SharpKube.Kubelet.Tests.Logs;
using SharpKube.Storage;

namespace SharpKube.Kubelet.Tests.Server;

/// <summary>
/// The real API server in-process and a real kubelet server trusting the cluster CA, with Node <c>node-1</c> pointing
/// at the kubelet (127.0.0.1, its port) and pod <c>default/web</c> bound to it: container <c>app</c> logs to a
/// prepared CRI log file, container <c>creating</c> is still waiting to start.
/// </summary>
public sealed class PodLogsFixture : IAsyncLifetime
{
    public const string Token = "pod-logs-admin-token";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("sharpkube-pod-logs-test-").FullName;

    public RunningApiServer ApiServer { get; private set; } = null!;

    public KubeletServer Kubelet { get; private set; } = null!;

    public CriLogFile Log { get; } = new();

    public Kubectl Kubectl { get; private set; } = null!;

    public bool AppRunning { get; set; } = true;

    public async ValueTask InitializeAsync()
    {
        ApiServer = await ApiServerHost.StartAsync(new ApiServerOptions
        {
            DataDir = _dataDir,
            BindAddress = IPAddress.Loopback,
            HttpsPort = 0,
            Datastore = DatastoreDriver.Sqlite,
            Token = Token,
        }, NullLoggerFactory.Instance, CancellationToken.None);
        var authority = TestCertificates.CreateAuthority("kubelet-serving-ca");
        Kubelet = await KubeletServer.StartAsync(new KubeletServerOptions
        {
            BindAddress = IPAddress.Loopback,
            Port = 0,
            ServingCertificate = TestCertificates.IssueServing(authority),
            ClientCertificateAuthority = ApiServer.Pki.CaCertificate,
            Pods = () => [],
            ContainerLogs = ResolveAsync,
            LogPollInterval = TimeSpan.FromMilliseconds(20),
        }, CancellationToken.None);
        Kubectl = new Kubectl(ApiServer.AdminKubeconfigPath, Path.Combine(_dataDir, "kubectl-home"));

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(ApiServer.AdminKubeconfigPath));
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "node-1" } });
        var node = await client.CoreV1.ReadNodeAsync("node-1");
        node.Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "Hostname", Address = "node-1.invalid" }, new V1NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = Kubelet.Port } },
        };
        await client.CoreV1.ReplaceNodeStatusAsync(node, "node-1");
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodSpec
            {
                NodeName = "node-1",
                Containers = [new V1Container { Name = "app", Image = "busybox" }, new V1Container { Name = "creating", Image = "busybox" }],
            },
        }, "default");
    }

    private Task<ContainerLogSource> ResolveAsync(string ns, string pod, string container, bool previous, CancellationToken cancellationToken) =>
        Task.FromResult((ns, pod, container, previous) switch
        {
            ("default", "web", "app", false) => ContainerLogSource.FromFile(Log.Path, () => AppRunning),
            ("default", "web", "app", true) => ContainerLogSource.PreviousNotFound(container, pod),
            ("default", "web", "creating", _) => ContainerLogSource.WaitingToStart(container, pod, "ContainerCreating"),
            ("default", "web", _, _) => ContainerLogSource.ContainerNotFound(container, pod),
            _ => ContainerLogSource.PodNotFound(pod),
        });

    /// <summary>An HttpClient for the API server, authenticated with the admin token.</summary>
    public HttpClient ApiClient()
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        var client = new HttpClient(handler) { BaseAddress = ApiServer.Url, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Kubelet is not null)
        {
            await Kubelet.DisposeAsync();
        }
        if (ApiServer is not null)
        {
            await ApiServer.DisposeAsync();
        }
        Log.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
