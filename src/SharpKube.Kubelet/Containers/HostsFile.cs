using System.Text;
using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Sandbox;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// The kubelet-managed <c>/etc/hosts</c> every container of a pod mounts, with upstream's content and order: a header,
/// the localhost and IPv6 lines, each pod IP with the hostname (FQDN first when the pod has a subdomain), then the pod's
/// hostAliases. Host-network pods get the node's hosts file plus their hostAliases instead.
/// </summary>
public static class HostsFile
{
    /// <summary>Where containers see the file.</summary>
    public const string ContainerPath = "/etc/hosts";

    /// <summary>The name of the file in the pod's directory, as upstream names it.</summary>
    public const string FileName = "etc-hosts";

    private const string ManagedHeader = "# Kubernetes-managed hosts file.\n";
    private const string HostNetworkHeader = "# Kubernetes-managed hosts file (host network).\n";

    /// <summary>The file for a pod on its own network: <paramref name="podIPs"/> are the sandbox's IPs.</summary>
    public static string Render(IReadOnlyList<string> podIPs, PodHostname hostname, IEnumerable<V1HostAlias>? hostAliases)
    {
        ArgumentNullException.ThrowIfNull(podIPs);
        ArgumentNullException.ThrowIfNull(hostname);
        var text = new StringBuilder(ManagedHeader)
            .Append("127.0.0.1\tlocalhost\n")
            .Append("::1\tlocalhost ip6-localhost ip6-loopback\n")
            .Append("fe00::0\tip6-localnet\n")
            .Append("fe00::0\tip6-mcastprefix\n")
            .Append("fe00::1\tip6-allnodes\n")
            .Append("fe00::2\tip6-allrouters\n");
        foreach (var ip in podIPs)
        {
            if (hostname.Domain.Length > 0)
            {
                text.Append(ip).Append('\t').Append(hostname.Hostname).Append('.').Append(hostname.Domain).Append('\t').Append(hostname.Hostname).Append('\n');
            }
            else
            {
                text.Append(ip).Append('\t').Append(hostname.Hostname).Append('\n');
            }
        }
        AppendAliases(text, hostAliases);
        return text.ToString();
    }

    /// <summary>The file for a host-network pod: the node's hosts file <paramref name="nodeHosts"/> under its own header, then the aliases.</summary>
    public static string RenderForHostNetwork(string nodeHosts, IEnumerable<V1HostAlias>? hostAliases)
    {
        ArgumentNullException.ThrowIfNull(nodeHosts);
        var text = new StringBuilder(HostNetworkHeader).Append(nodeHosts);
        AppendAliases(text, hostAliases);
        return text.ToString();
    }

    /// <summary>
    /// The file for <paramref name="pod"/>: managed for pods on their own network, the node's (read from
    /// <paramref name="nodeHostsPath"/>) for host-network pods.
    /// </summary>
    public static async Task<string> RenderAsync(V1Pod pod, IReadOnlyList<string> podIPs, string clusterDomain,
        string nodeHostsPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Spec?.HostNetwork == true)
        {
            var nodeHosts = await File.ReadAllTextAsync(nodeHostsPath, cancellationToken).ConfigureAwait(false);
            return RenderForHostNetwork(nodeHosts, pod.Spec.HostAliases);
        }
        return Render(podIPs, PodHostname.For(pod, clusterDomain), pod.Spec?.HostAliases);
    }

    /// <summary>
    /// Writes the file with mode 0644, as upstream. In place, not by rename: running containers bind-mount this inode
    /// and would keep seeing the old one.
    /// </summary>
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    /// <summary>
    /// Whether <paramref name="container"/> gets the file: as upstream, only once the pod has IPs, and not when the
    /// container mounts a volume at /etc/hosts itself.
    /// </summary>
    public static bool ShouldMount(V1Container container, IReadOnlyList<string> podIPs)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(podIPs);
        return podIPs.Count > 0 && !(container.VolumeMounts ?? []).Any(m => m.MountPath == ContainerPath);
    }

    /// <summary>The CRI mount of the file at <paramref name="hostPath"/>: writable, relabelled for SELinux, as upstream.</summary>
    public static Mount Mount(string hostPath)
    {
        ArgumentNullException.ThrowIfNull(hostPath);
        return new Mount { ContainerPath = ContainerPath, HostPath = hostPath, Readonly = false, SelinuxRelabel = true };
    }

    private static void AppendAliases(StringBuilder text, IEnumerable<V1HostAlias>? hostAliases)
    {
        var aliases = hostAliases?.ToList() ?? [];
        if (aliases.Count == 0)
        {
            return;
        }
        text.Append("\n# Entries added by HostAliases.\n");
        foreach (var alias in aliases)
        {
            text.Append(alias.Ip).Append('\t').Append(string.Join('\t', alias.Hostnames ?? [])).Append('\n');
        }
    }
}
