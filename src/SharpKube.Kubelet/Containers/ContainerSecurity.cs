using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Sandbox;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// A container's Linux security context for CRI, as upstream derives it: the container's securityContext over the
/// pod's (user, group, non-root), the pod's namespaces and supplemental groups, the seccomp profile (container's, else
/// pod's, else Unconfined), <c>no_new_privs</c> only when allowPrivilegeEscalation is explicitly false, and the default
/// masked and read-only /proc and /sys paths.
/// </summary>
/// <remarks>
/// Deliberate differences: capability names are upper-cased and lose a "CAP_" prefix a user wrote (the runtime adds
/// the prefix itself, so upstream would pass "CAP_CHOWN" on as an unknown "CAP_CAP_CHOWN"); privileged containers get
/// no masked or read-only paths (upstream sends the defaults and relies on the runtime to drop them); no SELinux, no
/// AppArmor, no seccomp-by-default option (the kubelet's <c>seccompDefault</c>), no user namespaces.
/// </remarks>
public static class ContainerSecurity
{
    /// <summary>The /proc and /sys paths masked by default (upstream's list, kept in step with Docker's).</summary>
    public static IReadOnlyList<string> DefaultMaskedPaths { get; } =
    [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    /// <summary>The /proc paths made read-only by default.</summary>
    public static IReadOnlyList<string> DefaultReadonlyPaths { get; } =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>
    /// The security context of <paramref name="container"/>. <paramref name="imageUser"/>, when known, supplies the user
    /// the container runs as when neither container nor pod sets runAsUser.
    /// </summary>
    public static LinuxContainerSecurityContext For(V1Pod pod, V1Container container, ImageUser? imageUser, string seccompProfileRoot)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        var podContext = pod.Spec?.SecurityContext;
        var own = container.SecurityContext;
        var privileged = own?.Privileged == true;
        var context = new LinuxContainerSecurityContext
        {
            Privileged = privileged,
            ReadonlyRootfs = own?.ReadOnlyRootFilesystem == true,
            NoNewPrivs = own?.AllowPrivilegeEscalation == false,
            NamespaceOptions = PodNamespaces.For(pod),
            Seccomp = Seccomp(pod, container, seccompProfileRoot),
        };
        if (own?.Capabilities is { } capabilities)
        {
            context.Capabilities = new Capability();
            context.Capabilities.AddCapabilities.AddRange((capabilities.Add ?? []).Select(CapabilityName));
            context.Capabilities.DropCapabilities.AddRange((capabilities.Drop ?? []).Select(CapabilityName));
        }
        if ((own?.RunAsUser ?? podContext?.RunAsUser) is { } user)
        {
            context.RunAsUser = new Int64Value { Value = user };
        }
        else if (imageUser is not null)
        {
            if (imageUser.Uid is { } uid)
            {
                context.RunAsUser = new Int64Value { Value = uid };
            }
            context.RunAsUsername = imageUser.Username;
        }
        if ((own?.RunAsGroup ?? podContext?.RunAsGroup) is { } group)
        {
            context.RunAsGroup = new Int64Value { Value = group };
        }
        if (podContext?.FsGroup is { } fsGroup)
        {
            context.SupplementalGroups.Add(fsGroup);
        }
        context.SupplementalGroups.AddRange((podContext?.SupplementalGroups ?? []).OfType<long>());
        if (!privileged && own?.ProcMount != "Unmasked")
        {
            context.MaskedPaths.AddRange(DefaultMaskedPaths);
            context.ReadonlyPaths.AddRange(DefaultReadonlyPaths);
        }
        return context;
    }

    /// <summary>
    /// The container's seccomp profile: its own, else the pod's, else Unconfined (upstream's default without
    /// <c>seccompDefault</c>). A Localhost profile is a path under <paramref name="seccompProfileRoot"/>.
    /// </summary>
    public static SecurityProfile Seccomp(V1Pod pod, V1Container container, string seccompProfileRoot)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        var profile = container.SecurityContext?.SeccompProfile ?? pod.Spec?.SecurityContext?.SeccompProfile;
        switch (profile?.Type)
        {
            case "RuntimeDefault":
                return new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault };
            case "Localhost":
                if (string.IsNullOrEmpty(profile.LocalhostProfile))
                {
                    throw new ContainerConfigException("localhostProfile must be set if seccompProfile type is Localhost.");
                }
                return new SecurityProfile
                {
                    ProfileType = SecurityProfile.Types.ProfileType.Localhost,
                    LocalhostRef = Path.Combine(seccompProfileRoot, profile.LocalhostProfile),
                };
            default:
                return new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.Unconfined };
        }
    }

    /// <summary>
    /// Upstream's runAsNonRoot check, before the container is created: with runAsNonRoot set, the effective user must be
    /// known not to be root. Throws <see cref="ContainerConfigException"/> with upstream's message otherwise.
    /// </summary>
    public static void VerifyRunAsNonRoot(V1Pod pod, V1Container container, ImageUser imageUser)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(imageUser);
        var own = container.SecurityContext;
        var podContext = pod.Spec?.SecurityContext;
        if ((own?.RunAsNonRoot ?? podContext?.RunAsNonRoot) != true)
        {
            return;
        }
        var described = $"{pod.Metadata?.Name}_{pod.Metadata?.NamespaceProperty}({pod.Metadata?.Uid})";
        if ((own?.RunAsUser ?? podContext?.RunAsUser) is { } user)
        {
            if (user == 0)
            {
                throw new ContainerConfigException($"container's runAsUser breaks non-root policy (pod: \"{described}\", container: {container.Name})");
            }
            return;
        }
        if (imageUser.Uid == 0)
        {
            throw new ContainerConfigException($"container has runAsNonRoot and image will run as root (pod: \"{described}\", container: {container.Name})");
        }
        if (imageUser.Uid is null && imageUser.Username.Length > 0)
        {
            throw new ContainerConfigException(
                $"container has runAsNonRoot and image has non-numeric user ({imageUser.Username}), cannot verify user is non-root (pod: \"{described}\", container: {container.Name})");
        }
    }

    private static string CapabilityName(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }
}
