namespace SharpKube.Kubelet.Cni;

/// <summary>What the node's pod network configuration is made of.</summary>
/// <param name="PodCidr">The node's pod CIDR (Node.spec.podCIDR), IPv4 with a prefix of at most /30.</param>
/// <param name="AgentDir">The agent's state directory; host-local keeps its address reservations under it.</param>
public sealed record CniNetworkOptions(string PodCidr, string AgentDir)
{
    /// <summary>The Linux bridge pods attach to; distinct per cluster when several share a machine.</summary>
    public string BridgeName { get; init; } = "cni0";

    /// <summary>Where the host-local IPAM plugin records which pod addresses are taken.</summary>
    public string IpamDataDir => Path.Combine(AgentDir, "cni", "networks");
}
