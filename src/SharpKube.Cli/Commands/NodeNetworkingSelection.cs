using SharpKube.Proxy;

namespace SharpKube.Cli.Commands;

/// <summary>The node's service networking as <c>sharpkube server</c>'s flags chose it: which parts run, and how.</summary>
/// <param name="Proxy">The service proxy runs (no <c>--disable proxy</c>).</param>
/// <param name="Dns">The cluster DNS runs (no <c>--disable dns</c>).</param>
/// <param name="Mode"><c>--proxy-mode</c>.</param>
/// <param name="ClusterCidr"><c>--cluster-cidr</c>.</param>
/// <param name="ClusterDns"><c>--cluster-dns</c>.</param>
/// <param name="ResolvConf"><c>--resolv-conf</c>.</param>
internal sealed record NodeNetworkingSelection(bool Proxy, bool Dns, ProxyMode Mode, string ClusterCidr, string ClusterDns, string ResolvConf);
