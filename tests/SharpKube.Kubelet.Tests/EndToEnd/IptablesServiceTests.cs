namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>The service scenarios with the service proxy in iptables mode (the default).</summary>
[Collection(ClusterCollection.Name)]
public sealed class IptablesServiceTests(ClusterFixture cluster) : ServiceNetworkingScenarios(cluster, "iptables");
