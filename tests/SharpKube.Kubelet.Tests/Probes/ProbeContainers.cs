using Grpc.Core;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Images;
using SharpKube.Kubelet.Tests.Cgroups;
using SharpKube.Kubelet.Tests.Containerd;

namespace SharpKube.Kubelet.Tests.Probes;

/// <summary>
/// A fixture containerd with the pause and busybox images imported, running busybox containers in hostNetwork
/// sandboxes (no CNI needed) under a cgroup parent of its own. Disposing removes the containers and sandboxes,
/// stops containerd and removes the cgroup directories runc leaves behind.
/// </summary>
public sealed class ProbeContainers : IAsyncLifetime
{
    private readonly ContainerdFixture _containerd = new();
    private readonly string _cgroupParent = "/skprobe-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The CRI runtime service.</summary>
    public RuntimeService.RuntimeServiceClient Runtime => _containerd.Cri.Runtime;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _containerd.InitializeAsync();
        var importer = new ImageImporter(_containerd.Containerd.SocketPath);
        await importer.ImportPauseImageAsync(ct);
        var archive = Path.Combine(_containerd.AgentDir, "busybox.tar");
        await (await BusyboxImage.LoadAsync(cancellationToken: ct)).WriteAsync(archive, ct);
        await importer.ImportAsync(archive, ct);
    }

    /// <summary>
    /// Runs <paramref name="script"/> with busybox sh as container <paramref name="name"/> in a new sandbox for pod
    /// <paramref name="podUid"/>, and returns its CRI status once it is running.
    /// </summary>
    public async Task<ContainerStatus> RunAsync(string podUid, string name, string script)
    {
        var ct = TestContext.Current.CancellationToken;
        var namespaces = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod };
        var sandboxConfig = new PodSandboxConfig
        {
            // A name of its own per sandbox: a second instance of a pod's container gets a new sandbox here.
            Metadata = new PodSandboxMetadata { Name = "probe-" + Guid.NewGuid().ToString("N")[..8], Uid = podUid, Namespace = "default" },
            // hostNetwork: no hostname of its own (runc refuses one without a UTS namespace).
            Hostname = "",
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = $"{_cgroupParent}/pod{podUid}",
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = namespaces },
            },
        };
        var sandbox = await Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = sandboxConfig }, cancellationToken: ct);
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = name },
            Image = new ImageSpec { Image = BusyboxImage.Reference },
            Command = { "/bin/sh", "-c", script },
            Linux = new LinuxContainerConfig { SecurityContext = new LinuxContainerSecurityContext { NamespaceOptions = namespaces } },
        };
        var created = await Runtime.CreateContainerAsync(
            new CreateContainerRequest { PodSandboxId = sandbox.PodSandboxId, Config = config, SandboxConfig = sandboxConfig }, cancellationToken: ct);
        await Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = created.ContainerId }, cancellationToken: ct);
        return await StatusAsync(created.ContainerId);
    }

    /// <summary>The container's CRI status now.</summary>
    public async Task<ContainerStatus> StatusAsync(string containerId) =>
        (await Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId }, cancellationToken: TestContext.Current.CancellationToken)).Status;

    /// <summary>Runs a command in the container and fails the test unless it exits 0.</summary>
    public async Task ExecAsync(string containerId, params string[] command)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = 10 };
        request.Cmd.Add(command);
        var response = await Runtime.ExecSyncAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(response.ExitCode == 0, $"{string.Join(' ', command)} exited with {response.ExitCode}: {response.Stderr.ToStringUtf8()}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _containerd.DisposeAsync();
        }
        catch (RpcException)
        {
            // The fixture's forceful cleanup ran regardless; the cgroups below are still ours to remove.
        }

        TestCgroupTree.RemoveEverywhere(_cgroupParent);
    }
}
