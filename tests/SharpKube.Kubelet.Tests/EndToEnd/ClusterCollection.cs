namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>The end-to-end tests share one cluster and run one at a time: they use the node's pod network and its containerd.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cluster";
}
