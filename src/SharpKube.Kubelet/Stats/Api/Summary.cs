namespace SharpKube.Kubelet.Stats.Api;

/// <summary>The body of <c>GET /stats/summary</c> (upstream's stats/v1alpha1 <c>Summary</c>): the node and its pods.</summary>
public sealed record Summary
{
    /// <summary>The node's figures.</summary>
    public required NodeStats Node { get; init; }

    /// <summary>One entry per running pod sandbox.</summary>
    public required IReadOnlyList<PodStats> Pods { get; init; }
}
