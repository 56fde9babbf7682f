using System.Globalization;
using k8s;
using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Sandbox;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// Builds the <see cref="ContainerConfig"/> the kubelet sends with <c>CreateContainer</c>, as upstream's kubelet fills
/// it: metadata, image, command and args with <c>$(VAR)</c> expanded against the final environment, working directory,
/// environment, mounts, labels and annotations, log path, stdin/tty, and the Linux resources and security context.
/// </summary>
/// <remarks>Deliberate differences: no devices or CDI devices, no ephemeral-container target namespaces.</remarks>
public static class ContainerConfigBuilder
{
    /// <summary>
    /// The config for <paramref name="container"/> of <paramref name="pod"/>, its <paramref name="restartCount"/>-th
    /// restart. <paramref name="environment"/> is <see cref="ContainerEnvironment.Variables"/>, <paramref name="mounts"/>
    /// the container's volume mounts (and the hosts file), <paramref name="imageRef"/> the image as pulled (its id or
    /// digest reference). <paramref name="imageUser"/>, when known, is checked against runAsNonRoot and becomes the
    /// user when the spec sets none. Throws <see cref="ContainerConfigException"/> when the config cannot be built.
    /// </summary>
    public static ContainerConfig Build(V1Pod pod, V1Container container, int restartCount, IReadOnlyList<KeyValue> environment,
        IReadOnlyList<Mount> mounts, string imageRef, PodConfigSettings settings, ImageUser? imageUser = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(imageRef);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(restartCount);
        ContainerSecurity.VerifyRunAsNonRoot(pod, container, imageUser ?? new ImageUser(null, ""));
        var lookup = VariableExpansion.LookupIn(environment);
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = container.Name ?? "", Attempt = (uint)restartCount },
            Image = new ImageSpec { Image = imageRef, UserSpecifiedImage = container.Image ?? "" },
            WorkingDir = container.WorkingDir ?? "",
            LogPath = LogPath(container.Name ?? "", restartCount),
            Stdin = container.Stdin == true,
            StdinOnce = container.StdinOnce == true,
            Tty = container.Tty == true,
            Linux = new LinuxContainerConfig
            {
                Resources = LinuxResources.ForContainer(pod, container, settings.NodeMemoryCapacity),
                SecurityContext = ContainerSecurity.For(pod, container, imageUser, settings.SeccompProfileRoot),
            },
        };
        config.Command.AddRange((container.Command ?? []).Select(c => VariableExpansion.Expand(c, lookup)));
        config.Args.AddRange((container.Args ?? []).Select(a => VariableExpansion.Expand(a, lookup)));
        config.Envs.AddRange(environment);
        config.Mounts.AddRange(mounts);
        config.Labels.Add(Labels(pod, container));
        config.Annotations.Add(Annotations(pod, container, restartCount));
        return config;
    }

    /// <summary>The container's log file relative to the pod log directory: <c>&lt;name&gt;/&lt;restartCount&gt;.log</c>.</summary>
    public static string LogPath(string containerName, int restartCount) =>
        Path.Combine(containerName, restartCount.ToString(CultureInfo.InvariantCulture) + ".log");

    /// <summary>The labels the kubelet finds its containers by.</summary>
    public static Dictionary<string, string> Labels(V1Pod pod, V1Container container)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CriLabels.PodName] = pod.Metadata?.Name ?? "",
            [CriLabels.PodNamespace] = pod.Metadata?.NamespaceProperty ?? "",
            [CriLabels.PodUid] = pod.Metadata?.Uid ?? "",
            [CriLabels.ContainerName] = container.Name ?? "",
        };
    }

    /// <summary>
    /// The annotations the kubelet reads back from a container it did not create in this run: the spec hash, restart
    /// count, termination message settings, grace periods, and the preStop handler and ports as JSON.
    /// </summary>
    public static Dictionary<string, string> Annotations(V1Pod pod, V1Container container, int restartCount)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CriLabels.ContainerHash] = ContainerHash.Of(container),
            [CriLabels.ContainerRestartCount] = restartCount.ToString(CultureInfo.InvariantCulture),
            [CriLabels.ContainerTerminationMessagePath] = container.TerminationMessagePath ?? "",
            [CriLabels.ContainerTerminationMessagePolicy] = container.TerminationMessagePolicy ?? "",
        };
        if (pod.Metadata?.DeletionGracePeriodSeconds is { } deletionGrace)
        {
            annotations[CriLabels.PodDeletionGracePeriod] = deletionGrace.ToString(CultureInfo.InvariantCulture);
        }
        if (pod.Spec?.TerminationGracePeriodSeconds is { } grace)
        {
            annotations[CriLabels.PodTerminationGracePeriod] = grace.ToString(CultureInfo.InvariantCulture);
        }
        if (container.Lifecycle?.PreStop is { } preStop)
        {
            annotations[CriLabels.ContainerPreStopHandler] = KubernetesJson.Serialize(preStop);
        }
        if (container.Ports is { Count: > 0 } ports)
        {
            annotations[CriLabels.ContainerPorts] = KubernetesJson.Serialize(ports);
        }
        return annotations;
    }
}
