using k8s.Models;
using SharpKube.Kubelet.Containers;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Sandbox;

/// <summary>
/// Builds the <see cref="PodSandboxConfig"/> the kubelet sends with <c>RunPodSandbox</c> (and with every
/// <c>CreateContainer</c>), as upstream's kubelet fills it: metadata, hostname, log directory, DNS, port mappings,
/// labels and annotations, and the Linux part (cgroup parent, namespaces, sandbox security context, sysctls, resources).
/// </summary>
/// <remarks>
/// As upstream, the sandbox (pause) process always runs with the runtime's default seccomp profile, whatever the pod
/// asks for; the pod's profile applies to its containers. Port mappings list every container port, as upstream; the
/// runtime maps only those with a host port. Deliberate differences: no SELinux options, no AppArmor, no extra
/// supplemental groups from volumes' GID annotations, no kubelet-default sysctls, no Windows fields.
/// </remarks>
public static class SandboxConfigBuilder
{
    /// <summary>
    /// The sandbox config for <paramref name="pod"/>, its <paramref name="attempt"/>-th sandbox (0 for the first). Also
    /// returns the DNS warnings the kubelet should record as events.
    /// </summary>
    public static async Task<(PodSandboxConfig Config, IReadOnlyList<string> Warnings)> BuildAsync(
        V1Pod pod, PodConfigSettings settings, uint attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(settings);
        var dns = await PodDnsConfig.BuildAsync(pod, settings, cancellationToken).ConfigureAwait(false);
        return (Build(pod, settings, attempt, dns), dns.Warnings);
    }

    /// <summary>The sandbox config for <paramref name="pod"/> with an already built DNS config.</summary>
    public static PodSandboxConfig Build(V1Pod pod, PodConfigSettings settings, uint attempt, PodDnsConfig dns)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(dns);
        var metadata = pod.Metadata ?? new V1ObjectMeta();
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata
            {
                Name = metadata.Name ?? "",
                Uid = metadata.Uid ?? "",
                Namespace = metadata.NamespaceProperty ?? "",
                Attempt = attempt,
            },
            LogDirectory = LogDirectory(settings.PodLogsRoot, pod),
            DnsConfig = dns.Config,
            Linux = LinuxConfig(pod),
        };
        if (pod.Spec?.HostNetwork != true)
        {
            // runc refuses a hostname without a UTS namespace of its own, so host-network pods keep the node's.
            config.Hostname = PodHostname.For(pod, settings.ClusterDomain).KernelHostname(pod);
        }
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            config.PortMappings.AddRange(PortMappings(container));
        }
        foreach (var (key, value) in metadata.Labels ?? new Dictionary<string, string>())
        {
            config.Labels[key] = value ?? "";
        }
        config.Labels[CriLabels.PodName] = config.Metadata.Name;
        config.Labels[CriLabels.PodNamespace] = config.Metadata.Namespace;
        config.Labels[CriLabels.PodUid] = config.Metadata.Uid;
        foreach (var (key, value) in metadata.Annotations ?? new Dictionary<string, string>())
        {
            config.Annotations[key] = value ?? "";
        }
        return config;
    }

    /// <summary>The pod's log directory: <c>&lt;root&gt;/&lt;namespace&gt;_&lt;name&gt;_&lt;uid&gt;</c>.</summary>
    public static string LogDirectory(string podLogsRoot, V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(podLogsRoot);
        ArgumentNullException.ThrowIfNull(pod);
        return Path.Combine(podLogsRoot, $"{pod.Metadata?.NamespaceProperty}_{pod.Metadata?.Name}_{pod.Metadata?.Uid}");
    }

    /// <summary>
    /// The pod's cgroup parent in cgroupfs notation: <c>/kubepods/pod&lt;uid&gt;</c> for Guaranteed pods,
    /// <c>/kubepods/burstable/pod&lt;uid&gt;</c> and <c>/kubepods/besteffort/pod&lt;uid&gt;</c> for the others.
    /// </summary>
    public static string CgroupParent(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var uid = pod.Metadata?.Uid ?? "";
        return QosClass.Of(pod) switch
        {
            PodQosClass.Guaranteed => $"/kubepods/pod{uid}",
            PodQosClass.Burstable => $"/kubepods/burstable/pod{uid}",
            _ => $"/kubepods/besteffort/pod{uid}",
        };
    }

    private static LinuxPodSandboxConfig LinuxConfig(V1Pod pod)
    {
        var security = new LinuxSandboxSecurityContext
        {
            NamespaceOptions = PodNamespaces.For(pod),
            Privileged = HasPrivilegedContainer(pod),
            // Upstream pins the sandbox to the runtime default so pods may choose stricter profiles for their containers.
            Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
        };
        var linux = new LinuxPodSandboxConfig
        {
            CgroupParent = CgroupParent(pod),
            SecurityContext = security,
            Resources = LinuxResources.ForSandbox(pod),
            Overhead = LinuxResources.Overhead(pod),
        };
        if (pod.Spec?.SecurityContext is { } context)
        {
            if (context.RunAsUser is { } user)
            {
                security.RunAsUser = new Int64Value { Value = user };
            }
            if (context.RunAsGroup is { } group)
            {
                security.RunAsGroup = new Int64Value { Value = group };
            }
            if (context.FsGroup is { } fsGroup)
            {
                security.SupplementalGroups.Add(fsGroup);
            }
            security.SupplementalGroups.AddRange((context.SupplementalGroups ?? []).OfType<long>());
            foreach (var sysctl in context.Sysctls ?? [])
            {
                linux.Sysctls[DotSeparated(sysctl.Name)] = sysctl.Value ?? "";
            }
        }
        return linux;
    }

    /// <summary>Port mappings for one container's ports, skipping a repeated port name as upstream does.</summary>
    private static IEnumerable<PortMapping> PortMappings(V1Container container)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var port in container.Ports ?? [])
        {
            var family = string.IsNullOrEmpty(port.HostIP) ? "any" : port.HostIP.Contains(':', StringComparison.Ordinal) ? "v6" : "v4";
            var name = string.IsNullOrEmpty(port.Name)
                ? $"{family}-{port.Protocol}-{port.HostIP}:{port.ContainerPort}:{port.HostPort}"
                : port.Name;
            if (!names.Add(name))
            {
                continue;
            }
            yield return new PortMapping
            {
                Protocol = port.Protocol switch
                {
                    "UDP" => Protocol.Udp,
                    "SCTP" => Protocol.Sctp,
                    _ => Protocol.Tcp,
                },
                ContainerPort = port.ContainerPort,
                HostPort = port.HostPort ?? 0,
                HostIp = port.HostIP ?? "",
            };
        }
    }

    private static bool HasPrivilegedContainer(V1Pod pod) =>
        (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).Any(c => c.SecurityContext?.Privileged == true)
        || (pod.Spec?.EphemeralContainers ?? []).Any(c => c.SecurityContext?.Privileged == true);

    /// <summary>
    /// A sysctl name in dotted form: names written with '/' separators (first separator a '/') have dots and slashes
    /// swapped, as upstream normalises them (<c>net/ipv4/conf/eno2.100/rp_filter</c> → <c>net.ipv4.conf.eno2/100.rp_filter</c>).
    /// </summary>
    internal static string DotSeparated(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }
        var first = name.IndexOfAny(['.', '/']);
        if (first < 0 || name[first] == '.')
        {
            return name;
        }
        return string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch { '.' => '/', '/' => '.', var c => c };
            }
        });
    }
}
