namespace SharpKube.Kubelet.Volumes;

/// <summary>A pod volume that is set up on the node: where it is and whether containers always see it read-only.</summary>
/// <param name="Name">The volume's name in the pod spec.</param>
/// <param name="HostPath">The directory (or, for a hostPath volume, the path) containers get bind-mounted.</param>
/// <param name="ReadOnly">True for volumes whose content the kubelet owns (configMap, secret, downwardAPI, projected).</param>
internal sealed record MountableVolume(string Name, string HostPath, bool ReadOnly);
