using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using k8s.Models;
using SharpKube.Kubelet.Containers;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Images;
using SharpKube.Kubelet.Server;
using SharpKube.Kubelet.Tests.Containerd;
using SharpKube.Kubelet.Tests.Server;

namespace SharpKube.Kubelet.Tests.Streaming;

/// <summary>
/// A real containerd running pod <c>default/web</c> (a hostNetwork sandbox labelled as the kubelet labels its own, no CNI
/// needed) whose container <c>main</c> serves a page with busybox httpd on 127.0.0.1:<see cref="HttpPort"/>, and a real
/// kubelet server with streaming on loopback port 0 that knows the pod. Disposing stops the server, removes the
/// containers and sandboxes, stops containerd and removes the cgroups runc leaves.
/// </summary>
public sealed class StreamingPodFixture : IAsyncLifetime
{
    public const string Page = "hello-from-the-pod";

    private readonly ContainerdFixture _containerd = new();
    private readonly string _cgroupParent = "/skstream-" + Guid.NewGuid().ToString("N")[..8];

    public X509Certificate2 Authority { get; } = TestCertificates.CreateAuthority("stream-test-ca");

    public KubeletServer Server { get; private set; } = null!;

    public RuntimeService.RuntimeServiceClient Runtime => _containerd.Cri.Runtime;

    public int HttpPort { get; } = FreePort();

    public string ContainerId { get; private set; } = "";

    public string SandboxId { get; private set; } = "";

    public V1Pod Pod { get; } = new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = Guid.NewGuid().ToString() },
        Spec = new V1PodSpec { NodeName = "node-1", Containers = [new V1Container { Name = "main", Image = BusyboxImage.Reference }] },
    };

    public X509Certificate2 ClientCertificate => TestCertificates.IssueClient(Authority, "kube-apiserver-kubelet-client");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _containerd.InitializeAsync();
        var importer = new ImageImporter(_containerd.Containerd.SocketPath);
        await importer.ImportPauseImageAsync(ct);
        var archive = Path.Combine(_containerd.AgentDir, "busybox.tar");
        await (await BusyboxImage.LoadAsync(cancellationToken: ct)).WriteAsync(archive, ct);
        await importer.ImportAsync(archive, ct);
        await RunPodAsync(ct);
        Server = await KubeletServer.StartAsync(new KubeletServerOptions
        {
            BindAddress = IPAddress.Loopback,
            Port = 0,
            ServingCertificate = TestCertificates.IssueServing(Authority),
            ClientCertificateAuthority = Authority,
            Pods = () => [Pod],
            ContainerLogs = (_, pod, _, _, _) => Task.FromResult(ContainerLogSource.PodNotFound(pod)),
            Runtime = Runtime,
        }, ct);
    }

    /// <summary>The streaming server's port, learnt from a URL the runtime hands out.</summary>
    public async Task<int> CriStreamPortAsync()
    {
        var request = new ExecRequest { ContainerId = ContainerId, Stdout = true };
        request.Cmd.Add("true");
        var response = await Runtime.ExecAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        return new Uri(response.Url).Port;
    }

    private async Task RunPodAsync(CancellationToken ct)
    {
        var namespaces = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod };
        var labels = new Dictionary<string, string>
        {
            [CriLabels.PodName] = Pod.Metadata.Name,
            [CriLabels.PodNamespace] = Pod.Metadata.NamespaceProperty,
            [CriLabels.PodUid] = Pod.Metadata.Uid,
        };
        var sandboxConfig = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = "web", Uid = Pod.Metadata.Uid, Namespace = "default" },
            Hostname = "",
            Labels = { labels },
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = $"{_cgroupParent}/pod{Pod.Metadata.Uid}",
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = namespaces },
            },
        };
        SandboxId = (await Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = sandboxConfig }, cancellationToken: ct)).PodSandboxId;
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = "main" },
            Image = new ImageSpec { Image = BusyboxImage.Reference },
            Command = { "/bin/sh", "-c", $"mkdir -p /www && echo {Page} > /www/index.html && exec httpd -f -p 127.0.0.1:{HttpPort} -h /www" },
            Labels = { labels, new Dictionary<string, string> { [CriLabels.ContainerName] = "main" } },
            Linux = new LinuxContainerConfig { SecurityContext = new LinuxContainerSecurityContext { NamespaceOptions = namespaces } },
        };
        var created = await Runtime.CreateContainerAsync(
            new CreateContainerRequest { PodSandboxId = SandboxId, Config = config, SandboxConfig = sandboxConfig }, cancellationToken: ct);
        await Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = created.ContainerId }, cancellationToken: ct);
        ContainerId = created.ContainerId;
        await Probes.Eventually.TrueAsync(async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, HttpPort, ct);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "httpd in the pod listens");
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        try
        {
            await _containerd.DisposeAsync();
        }
        catch (RpcException)
        {
            // The fixture's forceful cleanup ran regardless; the cgroups below are still ours to remove.
        }
        foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            var parent = hierarchy + _cgroupParent;
            if (!Directory.Exists(parent))
            {
                continue;
            }
            foreach (var directory in Directory.EnumerateDirectories(parent, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            {
                Directory.Delete(directory);
            }
            Directory.Delete(parent);
        }
        Authority.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
