namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>The service scenarios with the service proxy in nftables mode (<c>--proxy-mode nftables</c>).</summary>
[Collection(ClusterCollection.Name)]
public sealed class NftablesServiceTests(ClusterFixture cluster) : ServiceNetworkingScenarios(cluster, "nftables");
