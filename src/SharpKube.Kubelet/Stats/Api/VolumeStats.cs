namespace SharpKube.Kubelet.Stats.Api;

/// <summary>A pod volume's usage: upstream's VolumeStats, an FsStats with the volume's name.</summary>
public sealed record VolumeStats : FsStats
{
    /// <summary>The volume's name in the pod spec.</summary>
    public required string Name { get; init; }
}
