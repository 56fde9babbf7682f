namespace SharpKube.Kubelet.Sandbox;

/// <summary>
/// The node-wide settings that shape the CRI configs the kubelet builds for its pods: where pod logs go, the cluster's
/// DNS, the host resolver configuration, and the node's memory.
/// </summary>
public sealed record PodConfigSettings
{
    /// <summary>The root of the pod log directories (upstream's default <c>/var/log/pods</c>).</summary>
    public string PodLogsRoot { get; init; } = "/var/log/pods";

    /// <summary>The cluster DNS server addresses (<c>clusterDNS</c>); empty makes ClusterFirst pods fall back to Default.</summary>
    public IReadOnlyList<string> ClusterDnsIPs { get; init; } = [];

    /// <summary>The cluster domain (<c>clusterDomain</c>), e.g. <c>cluster.local</c>; empty leaves the cluster searches out.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>
    /// The host resolver configuration pods with dnsPolicy Default start from (<c>resolvConf</c>); empty means none, and
    /// such pods resolve through 127.0.0.1 as upstream.
    /// </summary>
    public string ResolvConfPath { get; init; } = "/etc/resolv.conf";

    /// <summary>The node's memory capacity in bytes; Burstable containers' OOM scores are relative to it.</summary>
    public long NodeMemoryCapacity { get; init; }

    /// <summary>The directory Localhost seccomp profiles are relative to (upstream's <c>&lt;root-dir&gt;/seccomp</c>).</summary>
    public string SeccompProfileRoot { get; init; } = "/var/lib/kubelet/seccomp";
}
