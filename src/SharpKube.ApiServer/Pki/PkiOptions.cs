using System.Net;

namespace SharpKube.ApiServer.Pki;

/// <summary>What the cluster PKI puts into the API server's serving certificate.</summary>
public sealed class PkiOptions
{
    /// <summary>The cluster DNS domain; the serving certificate names <c>kubernetes.default.svc.&lt;domain&gt;</c>.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>The first address of the service CIDR: the <c>kubernetes</c> service's ClusterIP (k3s default 10.43.0.1).</summary>
    public IPAddress ServiceClusterIp { get; init; } = IPAddress.Parse("10.43.0.1");

    /// <summary>More subject alternative names (like k3s <c>--tls-san</c>): IP literals become IP SANs, anything else a DNS SAN.</summary>
    public IReadOnlyList<string> ExtraSans { get; init; } = [];
}
