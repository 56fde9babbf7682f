using System.Net;

namespace SharpKube.Proxy.Nftables;

/// <summary>What the nftables backend needs beyond the <see cref="Model.ProxyState"/> of each sync.</summary>
public sealed record NftablesSettings
{
    /// <summary>The pod network (<c>--cluster-cidr</c>): traffic to a cluster IP from outside it is masqueraded.</summary>
    public string ClusterCidr { get; init; } = "10.42.0.0/16";

    /// <summary>The node's addresses, where node ports are served (the sync's <see cref="Model.ProxyState.NodeAddresses"/> adds to these).</summary>
    public IReadOnlyList<IPAddress> NodeAddresses { get; init; } = [];

    /// <summary>The packet mark bit that asks the masquerading chain to source-NAT a connection.</summary>
    public uint MasqueradeMark { get; init; } = 0x4000;

    /// <summary>The network namespace to run <c>nft</c> and <c>conntrack</c> in (<c>ip netns exec</c>), or null for the caller's own.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>The <c>ip</c> family table the backend owns.</summary>
    public string TableName { get; init; } = "kube-proxy";

    /// <summary>
    /// Serve node ports on 127.0.0.1 too, from the node itself: sets <c>net.ipv4.conf.all.route_localnet=1</c> and
    /// drops packets to 127.0.0.0/8 that arrive from outside.
    /// </summary>
    public bool LocalhostNodePorts { get; init; } = true;
}
