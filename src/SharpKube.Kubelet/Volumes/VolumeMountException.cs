namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// A container's volumeMount cannot be turned into a CRI mount: the volume is unknown or not set up, the subPath
/// escapes the volume, a subPathExpr names a variable the container lacks, or bidirectional propagation is asked for
/// by an unprivileged container. The kubelet reports it as the container's <c>CreateContainerConfigError</c>.
/// </summary>
public sealed class VolumeMountException : Exception
{
    /// <summary>A failure of the mount of <paramref name="volumeName"/> into <paramref name="containerName"/>.</summary>
    public VolumeMountException(string containerName, string volumeName, string message)
        : base(message)
    {
        ContainerName = containerName;
        VolumeName = volumeName;
    }

    /// <summary>The container whose mount failed.</summary>
    public string ContainerName { get; }

    /// <summary>The volume the failed mount names.</summary>
    public string VolumeName { get; }
}
