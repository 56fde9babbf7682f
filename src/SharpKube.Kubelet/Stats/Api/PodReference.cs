namespace SharpKube.Kubelet.Stats.Api;

/// <summary>Names a pod: upstream's <c>PodReference</c>.</summary>
public sealed record PodReference
{
    /// <summary>The pod's name.</summary>
    public required string Name { get; init; }

    /// <summary>The pod's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The pod's uid.</summary>
    public required string Uid { get; init; }
}
