namespace SharpKube.Kubelet.Stats.Api;

/// <summary>The container runtime's storage.</summary>
public sealed record RuntimeStats
{
    /// <summary>The filesystem holding images; its used bytes are the images' size.</summary>
    public FsStats? ImageFs { get; init; }
}
