using k8s.Models;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// A pod's volumes once they are set up on the node, from which each container's CRI mounts are made.
/// </summary>
public sealed class PodVolumeSet
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();
    private readonly IReadOnlyDictionary<string, MountableVolume> _volumes;

    internal PodVolumeSet(IReadOnlyDictionary<string, MountableVolume> volumes) => _volumes = volumes;

    /// <summary>The names of the volumes that are set up.</summary>
    public IEnumerable<string> VolumeNames => _volumes.Keys;

    /// <summary>The host path of the volume <paramref name="volumeName"/>, or null when there is no such volume.</summary>
    public string? HostPathOf(string volumeName) => _volumes.TryGetValue(volumeName, out var volume) ? volume.HostPath : null;

    /// <summary>
    /// The CRI mounts for <paramref name="container"/>'s volumeMounts, in their order: the volume's host path (plus the
    /// subPath, or the subPathExpr expanded with <paramref name="environment"/>, the container's resolved variables),
    /// read-only when the mount asks or the volume is always read-only (configMap, secret, downwardAPI, projected),
    /// and the mount propagation. Throws <see cref="VolumeMountException"/> when a mount cannot be made.
    /// </summary>
    /// <remarks>
    /// A missing subPath is created as directories with the volume root's mode. Upstream bind-mounts a checked subPath
    /// through a file descriptor; here the runtime mounts the checked path, so a container that swaps a directory for a
    /// symlink between this call and CreateContainer is not stopped.
    /// </remarks>
    public IReadOnlyList<Mount> MountsFor(V1Container container, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Pod volumes need a Unix node.");
        }
        var containerName = container.Name ?? "";
        var mounts = new List<Mount>();
        foreach (var volumeMount in container.VolumeMounts ?? [])
        {
            var name = volumeMount.Name ?? "";
            if (!_volumes.TryGetValue(name, out var volume))
            {
                throw new VolumeMountException(containerName, name, $"cannot find volume \"{name}\" to mount into container \"{containerName}\"");
            }
            var subPath = volumeMount.SubPath ?? "";
            if (!string.IsNullOrEmpty(volumeMount.SubPathExpr))
            {
                subPath = SubPathExpression.Expand(volumeMount.SubPathExpr, environment ?? NoEnvironment, out var missing)
                    ?? throw new VolumeMountException(containerName, name, "missing value for " + string.Join(", ", missing));
            }
            var hostPath = volume.HostPath;
            if (subPath.Length > 0)
            {
                try
                {
                    hostPath = SubPath.Prepare(volume.HostPath, subPath);
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
                {
                    throw new VolumeMountException(containerName, name, e.Message);
                }
            }
            mounts.Add(new Mount
            {
                ContainerPath = volumeMount.MountPath ?? "",
                HostPath = hostPath,
                Readonly = volumeMount.ReadOnlyProperty == true || volume.ReadOnly,
                Propagation = Propagation(container, volumeMount),
            });
        }
        return mounts;
    }

    private static MountPropagation Propagation(V1Container container, V1VolumeMount volumeMount)
    {
        switch (volumeMount.MountPropagation)
        {
            case null or "" or "None":
                return MountPropagation.PropagationPrivate;
            case "HostToContainer":
                return MountPropagation.PropagationHostToContainer;
            case "Bidirectional" when container.SecurityContext?.Privileged == true:
                return MountPropagation.PropagationBidirectional;
            case "Bidirectional":
                throw new VolumeMountException(container.Name ?? "", volumeMount.Name ?? "",
                    "Bidirectional mount propagation is available only to privileged containers");
            default:
                throw new VolumeMountException(container.Name ?? "", volumeMount.Name ?? "",
                    $"invalid MountPropagation mode: \"{volumeMount.MountPropagation}\"");
        }
    }
}
