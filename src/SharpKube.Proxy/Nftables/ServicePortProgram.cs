using System.Net;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Nftables;

/// <summary>
/// What one sync programmed for one service port: its chains, affinity sets and map elements (so a later sync can
/// remove exactly those), and the endpoints its traffic went to (so removed UDP endpoints' conntrack entries go).
/// </summary>
internal sealed class ServicePortProgram
{
    /// <summary>The service port.</summary>
    public required ServicePortName Name { get; init; }

    /// <summary>The per-service chains, endpoint chains last.</summary>
    public List<string> Chains { get; } = [];

    /// <summary>Session-affinity sets and their timeouts in seconds.</summary>
    public Dictionary<string, int> AffinitySets { get; } = new(StringComparer.Ordinal);

    /// <summary>The map elements.</summary>
    public List<MapElement> Elements { get; } = [];

    /// <summary>The addresses of the endpoints some chain DNATs to.</summary>
    public HashSet<IPAddress> EndpointAddresses { get; } = [];

    /// <summary>Cluster, external and load-balancer IPs traffic arrives on.</summary>
    public List<IPAddress> EntryAddresses { get; } = [];

    /// <summary>The node port, or 0.</summary>
    public int NodePort { get; set; }
}
