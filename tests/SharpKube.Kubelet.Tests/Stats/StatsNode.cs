using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Images;
using SharpKube.Kubelet.Server;
using SharpKube.Kubelet.Stats;
using SharpKube.Kubelet.Tests.Cgroups;
using SharpKube.Kubelet.Tests.Containerd;
using SharpKube.Kubelet.Tests.Server;

namespace SharpKube.Kubelet.Tests.Stats;

/// <summary>
/// A real containerd running two busybox pods in hostNetwork sandboxes under a pods cgroup of its own — <c>burner</c>,
/// whose container spins a CPU, and <c>holder</c>, whose container holds 50 MiB and has written a log line and an
/// emptyDir file — and a real kubelet server serving their stats, sampled every second. Disposing stops the server,
/// removes the pods, stops containerd and removes the cgroups runc leaves behind.
/// </summary>
public sealed class StatsNode : IAsyncLifetime
{
    /// <summary>The burner pod's uid.</summary>
    public const string BurnerUid = "5a1e0c2b-0000-4000-8000-00000000b001";

    /// <summary>The holder pod's uid.</summary>
    public const string HolderUid = "5a1e0c2b-0000-4000-8000-00000000b002";

    private readonly ContainerdFixture _containerd = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;

    /// <summary>The cgroup standing in for /kubepods.</summary>
    public string PodsCgroup { get; } = "/skstats-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The CA whose client certificates the server accepts.</summary>
    public X509Certificate2 Authority { get; } = TestCertificates.CreateAuthority("stats-test-ca");

    /// <summary>The running server.</summary>
    public KubeletServer Server { get; private set; } = null!;

    /// <summary>The server's address.</summary>
    public Uri Url => new($"https://127.0.0.1:{Server.Port}");

    private string LogsDir => Path.Combine(_containerd.AgentDir, "logs", "pods");

    private string PodsDir => Path.Combine(_containerd.AgentDir, "pods");

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _containerd.InitializeAsync();
        var importer = new ImageImporter(_containerd.Containerd.SocketPath);
        await importer.ImportPauseImageAsync(ct);
        var archive = Path.Combine(_containerd.AgentDir, "busybox.tar");
        await (await BusyboxImage.LoadAsync(cancellationToken: ct)).WriteAsync(archive, ct);
        await importer.ImportAsync(archive, ct);

        await RunPodAsync("burner", BurnerUid, "spin", "while true; do :; done");
        await RunPodAsync("holder", HolderUid, "hold", "echo holding 50 MiB; (head -c 50m /dev/zero; sleep 3600) | tail");
        var cache = Path.Combine(PodsDir, HolderUid, "volumes", "kubernetes.io~empty-dir", "cache");
        Directory.CreateDirectory(cache);
        await File.WriteAllBytesAsync(Path.Combine(cache, "blob"), new byte[1024 * 1024], ct);

        var stats = new SummaryProvider(_containerd.Cri.Runtime, _containerd.Cri.Images, new SummaryProviderOptions
        {
            NodeName = "stats-node",
            RootDirectory = _containerd.AgentDir,
            ImageFsDirectory = _containerd.Containerd.Config.RootDir,
            PodLogsDirectory = LogsDir,
            PodsDirectory = PodsDir,
            PodsCgroup = PodsCgroup,
            SampleInterval = TimeSpan.FromSeconds(1),
        });
        _sampling = stats.RunAsync(_stop.Token);
        Server = await KubeletServer.StartAsync(new KubeletServerOptions
        {
            BindAddress = IPAddress.Loopback,
            Port = 0,
            ServingCertificate = TestCertificates.IssueServing(Authority),
            ClientCertificateAuthority = Authority,
            Pods = () => [],
            ContainerLogs = (_, pod, _, _, _) => Task.FromResult(ContainerLogSource.PodNotFound(pod)),
            Stats = stats,
        }, ct);
    }

    /// <summary>An HTTP client the server trusts.</summary>
    public HttpClient Client() => KubeletServerFixture.Client(TestCertificates.IssueClient(Authority, "kube-apiserver-kubelet-client"));

    private async Task RunPodAsync(string name, string uid, string container, string script)
    {
        var ct = TestContext.Current.CancellationToken;
        var runtime = _containerd.Cri.Runtime;
        var namespaces = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod };
        var logDirectory = Path.Combine(LogsDir, $"stats_{name}_{uid}");
        Directory.CreateDirectory(Path.Combine(logDirectory, container));
        var sandboxConfig = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Uid = uid, Namespace = "stats" },
            Hostname = "",
            LogDirectory = logDirectory,
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = $"{PodsCgroup}/pod{uid}",
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = namespaces },
            },
        };
        var sandbox = await runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = sandboxConfig }, cancellationToken: ct);
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = container },
            Image = new ImageSpec { Image = BusyboxImage.Reference },
            Command = { "/bin/sh", "-c", script },
            LogPath = Path.Combine(container, "0.log"),
            Linux = new LinuxContainerConfig { SecurityContext = new LinuxContainerSecurityContext { NamespaceOptions = namespaces } },
        };
        var created = await runtime.CreateContainerAsync(
            new CreateContainerRequest { PodSandboxId = sandbox.PodSandboxId, Config = config, SandboxConfig = sandboxConfig }, cancellationToken: ct);
        await runtime.StartContainerAsync(new StartContainerRequest { ContainerId = created.ContainerId }, cancellationToken: ct);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null)
        {
            await _sampling;
        }
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
        TestCgroupTree.RemoveEverywhere(PodsCgroup);
        _stop.Dispose();
        Authority.Dispose();
    }
}
