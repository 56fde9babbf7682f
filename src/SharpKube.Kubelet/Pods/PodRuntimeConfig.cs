using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Kubelet.Containers;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Hosting;
using SharpKube.Kubelet.Node;
using SharpKube.Kubelet.Sandbox;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// What the kubelet tells the runtime about a pod: its sandbox config and, for each container, the full config —
/// environment, volume mounts, the managed <c>/etc/hosts</c> and the termination-message file — built from the pod,
/// the node and the cluster's services.
/// </summary>
public sealed class PodRuntimeConfig(KubeletOptions options, KubeletNode node, ReferencedObjects objects, Indexer<V1Service> services)
{
    /// <summary>Upstream's default termination message path.</summary>
    public const string DefaultTerminationMessagePath = "/dev/termination-log";

    private readonly PodConfigSettings _settings = new()
    {
        PodLogsRoot = options.PodLogsDir,
        ClusterDnsIPs = [options.ClusterDns],
        ClusterDomain = options.ClusterDomain,
        ResolvConfPath = options.HostResolvConf,
        NodeMemoryCapacity = node.Machine.MemoryBytes,
    };

    /// <summary>The sandbox config of <paramref name="pod"/>'s <paramref name="attempt"/>-th sandbox, and the DNS warnings to report.</summary>
    public Task<(PodSandboxConfig Config, IReadOnlyList<string> Warnings)> SandboxConfigAsync(V1Pod pod, uint attempt, CancellationToken cancellationToken) =>
        SandboxConfigBuilder.BuildAsync(pod, _settings, attempt, cancellationToken);

    /// <summary>
    /// The config of <paramref name="container"/>'s instance <paramref name="attempt"/>, created from <paramref name="imageRef"/>
    /// in a sandbox with <paramref name="podIps"/>. Throws <see cref="ContainerConfigException"/> when it cannot be built
    /// (a missing ConfigMap key, a bad subPath, …).
    /// </summary>
    public async Task<ContainerConfig> ContainerConfigAsync(V1Pod pod, V1Container container, uint attempt, string imageRef, PodVolumeSet volumes,
        IReadOnlyList<string> podIps, CancellationToken cancellationToken)
    {
        var environment = await ContainerEnvironment.BuildAsync(pod, container, new ContainerEnvironmentSources(
            objects, NamespaceServices(pod), services.Get("default", "kubernetes"), podIps, [node.NodeIp], node.Allocatable()), cancellationToken).ConfigureAwait(false);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in environment.Variables)
        {
            variables[variable.Key] = variable.Value;
        }
        List<Mount> mounts;
        try
        {
            mounts = [.. volumes.MountsFor(container, variables)];
        }
        catch (VolumeMountException e)
        {
            throw new ContainerConfigException(e.Message);
        }
        var podDir = Path.Combine(options.PodsDir, pod.Metadata.Uid);
        if (HostsFile.ShouldMount(container, podIps))
        {
            var hosts = Path.Combine(podDir, HostsFile.FileName);
            Directory.CreateDirectory(podDir);
            await HostsFile.WriteAsync(hosts, await HostsFile.RenderAsync(pod, podIps, options.ClusterDomain, "/etc/hosts", cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            mounts.Add(HostsFile.Mount(hosts));
        }
        mounts.Add(TerminationMessageMount(podDir, container, attempt));
        return ContainerConfigBuilder.Build(pod, container, (int)attempt, environment.Variables, mounts, imageRef, _settings);
    }

    /// <summary>An empty file per container instance, mounted at its termination message path, read back when it exits.</summary>
    private static Mount TerminationMessageMount(string podDir, V1Container container, uint attempt)
    {
        var directory = Path.Combine(podDir, "containers", container.Name);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "termination-" + attempt);
        File.WriteAllBytes(file, []);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        return new Mount { ContainerPath = container.TerminationMessagePath ?? DefaultTerminationMessagePath, HostPath = file };
    }

    private IReadOnlyList<V1Service> NamespaceServices(V1Pod pod) => services.List(pod.Metadata.NamespaceProperty);
}
