using System.Globalization;
using System.Text;

namespace SharpKube.Proxy.Nftables;

/// <summary>
/// The fixed part of the table: the maps that per-service elements go into and the chains hooked into netfilter.
/// Per packet, one lookup in <c>service-ips</c> (and one in <c>service-nodeports</c> for the node's addresses)
/// finds a service's chain however many services there are; the chain's DNAT looks its endpoint up in a
/// <c>*-backends</c> map by address, protocol, port and a random index.
/// </summary>
/// <remarks>
/// Filter chains run at priority -110, before DNAT (-100), so they still see the service address: new connections
/// to a service without endpoints are rejected there (TCP reset, else ICMP port unreachable), and after DNAT any
/// other port of a cluster IP is rejected too. The nat chains send every new connection through <c>services</c>;
/// <c>masquerading</c> source-NATs connections some chain marked with the masquerade bit.
/// </remarks>
internal static class BaseRuleset
{
    /// <summary>Names of the chains this class writes: a full sync never deletes them as stale.</summary>
    public static readonly IReadOnlySet<string> Chains = new HashSet<string>(StringComparer.Ordinal)
    {
        "filter-prerouting", "filter-input", "filter-forward", "filter-output", "filter-output-post-dnat",
        "nat-prerouting", "nat-output", "nat-postrouting", "masquerading", "mark-for-masquerade", "services",
        "service-endpoints-check", "nodeport-endpoints-check", "cluster-ips-check", "reject-chain",
    };

    /// <summary>Names of the sets and maps this class writes.</summary>
    public static readonly IReadOnlySet<string> Sets = new HashSet<string>(StringComparer.Ordinal)
    {
        "cluster-ips", "nodeport-ips", "service-ips", "service-nodeports", "no-endpoint-services", "no-endpoint-nodeports",
        "hairpin-endpoints",
    };

    /// <summary>The per-protocol maps from a service address (or node port) and an index to an endpoint.</summary>
    public static readonly IReadOnlyList<string> BackendMaps = [.. BackendMapNames()];

    /// <summary>Every map a full sync flushes and refills.</summary>
    public static readonly IReadOnlyList<string> Maps =
        ["service-ips", "service-nodeports", "no-endpoint-services", "no-endpoint-nodeports", .. BackendMaps];

    /// <summary>
    /// How many maps of each kind the endpoints are spread over, by a hash of the service port. The kernel checks
    /// every element added to a map against every rule using the map, and every map a new rule uses against all
    /// its elements; sharding keeps both at (services × endpoints) / shards instead of services × endpoints.
    /// </summary>
    public const int BackendShards = 32;

    /// <summary>The map holding the endpoints of a policy (<paramref name="local"/> or cluster) for addresses or node ports.</summary>
    public static string BackendMap(bool local, bool nodePort, string protocol, int shard) =>
        (local ? "local-" : "") + (nodePort ? "nodeport" : "service") + "-backends-" + protocol + "-"
        + shard.ToString("D2", CultureInfo.InvariantCulture);

    private static IEnumerable<string> BackendMapNames()
    {
        foreach (var protocol in new[] { "tcp", "udp", "sctp" })
        {
            for (var shard = 0; shard < BackendShards; shard++)
            {
                foreach (var local in new[] { false, true })
                {
                    yield return BackendMap(local, nodePort: false, protocol, shard);
                    yield return BackendMap(local, nodePort: true, protocol, shard);
                }
            }
        }
    }

    /// <summary>The nft name of a map.</summary>
    public static string MapName(NftablesMap map) => map switch
    {
        NftablesMap.ServiceIps => "service-ips",
        NftablesMap.ServiceNodePorts => "service-nodeports",
        NftablesMap.NoEndpointServices => "no-endpoint-services",
        _ => "no-endpoint-nodeports",
    };

    /// <summary>Writes the maps, sets and fixed chains, as statements inside a <c>table ip NAME { … }</c> block.</summary>
    public static void Write(StringBuilder block, NftablesSettings settings)
    {
        var mark = "0x" + settings.MasqueradeMark.ToString("x", CultureInfo.InvariantCulture);

        // typeof names the protocol (tcp dport, not th dport): nft 1.0.6 cannot add a rule using a map whose key
        // says th dport once the map exists, so each protocol has its own maps.
        foreach (var map in BackendMaps)
        {
            // <kind>-backends-<protocol>-<shard>: the protocol is the third part from the end.
            var parts = map.Split('-');
            var protocol = parts[^2];
            block.Append("map ").Append(map).Append(" { typeof ")
                .Append(map.Contains("nodeport", StringComparison.Ordinal) ? "" : "ip daddr . ").Append(protocol)
                .Append(" dport . numgen random mod 1 : ip daddr . ").Append(protocol).Append(" dport; }\n");
        }

        block.Append("""
            map service-ips { type ipv4_addr . inet_proto . inet_service : verdict; comment "ClusterIP, ExternalIP and LoadBalancer IP traffic"; }
            map service-nodeports { type inet_proto . inet_service : verdict; comment "NodePort traffic"; }
            map no-endpoint-services { type ipv4_addr . inet_proto . inet_service : verdict; comment "services without usable endpoints"; }
            map no-endpoint-nodeports { type inet_proto . inet_service : verdict; comment "node ports without usable endpoints"; }
            set hairpin-endpoints { type ipv4_addr . ipv4_addr; comment "endpoint . itself: a pod reaching itself through a service"; }
            set cluster-ips { type ipv4_addr; comment "every cluster IP"; }
            set nodeport-ips { type ipv4_addr; comment "addresses node ports are served on"; }
            chain reject-chain { meta l4proto tcp reject with tcp reset; reject; }
            chain service-endpoints-check { ip daddr . meta l4proto . th dport vmap @no-endpoint-services; }
            chain nodeport-endpoints-check { ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports; }
            chain cluster-ips-check { ip daddr @cluster-ips reject comment "a cluster IP's other ports"; }
            chain filter-input { type filter hook input priority -110; policy accept; ct state new jump nodeport-endpoints-check; ct state new jump service-endpoints-check; }
            chain filter-forward { type filter hook forward priority -110; policy accept; ct state new jump service-endpoints-check; ct state new jump cluster-ips-check; }
            chain filter-output { type filter hook output priority -110; policy accept; ct state new jump service-endpoints-check; }
            chain filter-output-post-dnat { type filter hook output priority -90; policy accept; ct state new jump cluster-ips-check; }

            """);
        block.Append("chain filter-prerouting { type filter hook prerouting priority -110; policy accept; ");
        if (settings.LocalhostNodePorts)
        {
            // route_localnet lets 127.0.0.1 node ports work from the node; packets to 127/8 from outside stay out.
            block.Append("iifname != \"lo\" ip daddr 127.0.0.0/8 drop; ");
        }

        block.Append("}\n")
            .Append("chain mark-for-masquerade { meta mark set meta mark | ").Append(mark).Append("; }\n")
            .Append("chain masquerading { meta mark & ").Append(mark).Append(" == 0 return; meta mark set meta mark ^ ")
            .Append(mark).Append("; masquerade fully-random; }\n")
            .Append("""
            chain services { ip daddr . meta l4proto . th dport vmap @service-ips; ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports; }
            chain nat-prerouting { type nat hook prerouting priority -100; policy accept; jump services; }
            chain nat-output { type nat hook output priority -100; policy accept; jump services; }
            chain nat-postrouting { type nat hook postrouting priority 100; policy accept; ip saddr . ip daddr @hairpin-endpoints jump mark-for-masquerade; jump masquerading; }

            """);
    }
}
