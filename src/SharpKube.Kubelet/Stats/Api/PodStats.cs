using System.Text.Json.Serialization;

namespace SharpKube.Kubelet.Stats.Api;

/// <summary>Figures for one pod.</summary>
public sealed record PodStats
{
    /// <summary>Which pod.</summary>
    public required PodReference PodRef { get; init; }

    /// <summary>When the pod's sandbox was created.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>The pod's running containers.</summary>
    public required IReadOnlyList<ContainerStats> Containers { get; init; }

    /// <summary>CPU used by the pod's cgroup (its containers and sandbox).</summary>
    public CpuStats? Cpu { get; init; }

    /// <summary>Memory used by the pod's cgroup.</summary>
    public MemoryStats? Memory { get; init; }

    /// <summary>The pod's network namespace's interfaces.</summary>
    public NetworkStats? Network { get; init; }

    /// <summary>The pod's ephemeral volumes (emptyDir).</summary>
    [JsonPropertyName("volume")]
    public IReadOnlyList<VolumeStats>? Volume { get; init; }

    /// <summary>The local storage the pod uses: its emptyDir volumes and container logs.</summary>
    [JsonPropertyName("ephemeral-storage")]
    public FsStats? EphemeralStorage { get; init; }
}
