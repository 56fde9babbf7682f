namespace SharpKube.Proxy;

/// <summary>How the proxy programs the node (<c>--proxy-mode</c>).</summary>
public enum ProxyMode
{
    /// <summary>iptables rules written with <c>iptables-restore</c>, upstream kube-proxy's default layout.</summary>
    Iptables,

    /// <summary>An nftables table of sets and maps.</summary>
    Nftables,
}
