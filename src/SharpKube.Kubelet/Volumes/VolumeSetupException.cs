namespace SharpKube.Kubelet.Volumes;

/// <summary>
/// A pod volume could not be set up: a ConfigMap or Secret it needs is missing, a hostPath is not of its declared
/// type, or the volume type is not supported. The message is upstream's, so the kubelet can report
/// <c>MountVolume.SetUp failed for volume "name" : message</c>.
/// </summary>
public sealed class VolumeSetupException : Exception
{
    /// <summary>A failure of the volume <paramref name="volumeName"/>, described by <paramref name="message"/>.</summary>
    public VolumeSetupException(string volumeName, string message)
        : base(message) => VolumeName = volumeName;

    /// <summary>A failure of the volume <paramref name="volumeName"/> caused by <paramref name="innerException"/>.</summary>
    public VolumeSetupException(string volumeName, string message, Exception innerException)
        : base(message, innerException) => VolumeName = volumeName;

    /// <summary>The name of the pod volume that failed.</summary>
    public string VolumeName { get; }
}
