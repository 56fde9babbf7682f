namespace SharpKube.Kubelet.Volumes;

/// <summary>One file of a configMap, secret, downwardAPI or projected volume: its bytes and its permission bits.</summary>
/// <param name="Data">The file's content.</param>
/// <param name="Mode">The permission bits (0 to 0777) the file gets before any fsGroup adjustment.</param>
internal readonly record struct VolumeFile(byte[] Data, int Mode);
