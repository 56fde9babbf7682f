using System.Net;
using SharpKube.Proxy;

namespace SharpKube.Cli.Commands;

/// <summary>What the node's in-process service proxy and cluster DNS are started with (see <see cref="InProcessServiceNetworking"/>).</summary>
internal sealed record ServiceNetworkingOptions
{
    /// <summary>The node's name.</summary>
    public required string NodeName { get; init; }

    /// <summary>The node's address: where node ports and load balancers are served and DNS listens.</summary>
    public required IPAddress NodeIp { get; init; }

    /// <summary><c>--proxy-mode</c>.</summary>
    public ProxyMode ProxyMode { get; init; } = ProxyMode.Iptables;

    /// <summary>The pod network.</summary>
    public string ClusterCidr { get; init; } = "10.42.0.0/16";

    /// <summary>The service network.</summary>
    public string ServiceCidr { get; init; } = "10.43.0.0/16";

    /// <summary>The cluster DNS Service's address.</summary>
    public string ClusterDns { get; init; } = "10.43.0.10";

    /// <summary>The cluster domain.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>The node's resolv.conf, whose nameservers the DNS forwards other names to.</summary>
    public string ResolvConf { get; init; } = "/etc/resolv.conf";
}
