using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Nftables;

/// <summary>
/// Writes the chains of one service port (inside a <c>table ip NAME { … }</c> block) and lists its map elements:
/// <list type="bullet">
/// <item><c>service-…</c>: the cluster-policy chain — masquerade off-cluster sources of cluster-IP traffic, then
/// DNAT to the endpoint that <c>service-backends</c> (or <c>nodeport-backends</c>) holds for the packet's address,
/// protocol, port and a random index below the endpoint count;</item>
/// <item><c>local-…</c>: the same over this node's endpoints (the <c>local-*-backends</c> maps), for a Local
/// internal or external traffic policy;</item>
/// <item><c>external-…</c>: node ports, external and load-balancer IPs — masquerade and use the cluster policy, or
/// for <c>externalTrafficPolicy: Local</c> keep the client's address and use the local policy;</item>
/// <item><c>endpoint-…</c> and an <c>affinity-…</c> set per endpoint, for ClientIP session affinity only: the
/// policy chain first sends a client the affinity sets know to its endpoint, else picks one at random.</item>
/// </list>
/// </summary>
/// <remarks>
/// Endpoints live in map elements rather than a chain each: a kernel transaction (and nft's cache of the table)
/// costs in proportion to chains and rules, and maps keep a 5,000-service table at a few thousand chains. Random
/// picks between affinity endpoint chains are a cascade of <c>numgen random mod k 0 goto</c> rules (k = n … 2, then a
/// plain goto), which is uniform; an anonymous <c>vmap</c> per service would read shorter, but the kernel names each
/// anonymous set by scanning every set in the table. A packet whose address misses the first DNAT map (a node port:
/// its destination is a node address) falls through to the node-port map.
/// </remarks>
internal static class ServicePortRuleWriter
{
    /// <summary>Appends the chains of <paramref name="info"/> to <paramref name="block"/> and returns what they are.</summary>
    public static ServicePortProgram Write(
        ServicePortInfo info, IReadOnlyList<EndpointInfo>? endpoints, NftablesSettings settings, StringBuilder block)
    {
        var program = new ServicePortProgram { Name = info.Name, NodePort = info.NodePort };
        var id = NftablesNames.ServicePortId(info.Name);
        var protocol = NftablesNames.Protocol(info.Name.Protocol);
        var port = info.Port.ToString(CultureInfo.InvariantCulture);

        var cluster = Usable(endpoints, localOnly: false);
        var needLocal = info.InternalPolicyLocal || info.ExternalPolicyLocal;
        var local = needLocal ? Usable(endpoints, localOnly: true) : [];
        var hasExternal = info.NodePort > 0 || info.ExternalIPs.Count > 0 || info.LoadBalancerIPs.Count > 0;

        var serviceChain = NftablesNames.Hashed("service", id);
        var localChain = NftablesNames.Hashed("local", id);
        var externalChain = NftablesNames.Hashed("external", id);

        // Endpoint chains shared by the cluster and local policies: local endpoints may be terminating ones the
        // cluster policy does not use, when only remote endpoints are ready.
        var endpointChains = new Dictionary<EndpointInfo, string>();
        if (info.StickySeconds > 0)
        {
            AddEndpoints(cluster, id, endpointChains);
            AddEndpoints(local, id, endpointChains);
        }

        foreach (var endpoint in cluster)
        {
            program.EndpointAddresses.Add(endpoint.Address);
        }

        foreach (var endpoint in local)
        {
            program.EndpointAddresses.Add(endpoint.Address);
        }

        // Chains are declared before the chains that jump to them.
        foreach (var (endpoint, chain) in endpointChains)
        {
            WriteEndpointChain(block, program, chain, endpoint, info, protocol);
        }

        if (cluster.Count > 0)
        {
            WritePolicyChain(block, program, serviceChain, info, cluster, endpointChains, settings, protocol, port, local: false);
        }

        if (local.Count > 0)
        {
            WritePolicyChain(block, program, localChain, info, local, endpointChains, settings, protocol, port, local: true);
        }

        if (hasExternal && cluster.Count > 0)
        {
            WriteExternalChain(block, program, externalChain, serviceChain, local.Count > 0 ? localChain : null, info, settings);
        }

        // Cluster IPs: the internal policy's chain, or drop (endpoints exist, none here) / reject (none at all).
        var internalEndpoints = info.InternalPolicyLocal ? local : cluster;
        var noEndpointVerdict = cluster.Count > 0 || (endpoints?.Count ?? 0) > 0 ? "drop" : "goto reject-chain";
        foreach (var clusterIp in info.ClusterIPs)
        {
            if (clusterIp.AddressFamily != AddressFamily.InterNetwork)
            {
                continue;
            }

            program.EntryAddresses.Add(clusterIp);
            var key = clusterIp + " . " + protocol + " . " + port;
            program.Elements.Add(internalEndpoints.Count > 0
                ? new MapElement(BaseRuleset.MapName(NftablesMap.ServiceIps), key, "goto " + (info.InternalPolicyLocal ? localChain : serviceChain))
                : new MapElement(BaseRuleset.MapName(NftablesMap.NoEndpointServices), key, noEndpointVerdict));
        }

        AddExternalElements(program, info.ExternalIPs, protocol, port, cluster.Count > 0, externalChain);
        AddExternalElements(program, info.LoadBalancerIPs, protocol, port, cluster.Count > 0, externalChain);
        if (info.NodePort > 0)
        {
            var key = protocol + " . " + info.NodePort.ToString(CultureInfo.InvariantCulture);
            program.Elements.Add(cluster.Count > 0
                ? new MapElement(BaseRuleset.MapName(NftablesMap.ServiceNodePorts), key, "goto " + externalChain)
                : new MapElement(BaseRuleset.MapName(NftablesMap.NoEndpointNodePorts), key, "goto reject-chain"));
        }

        return program;
    }

    /// <summary>
    /// Ready endpoints (of this node when <paramref name="localOnly"/>), or when there are none, the serving and
    /// terminating ones: a rolling update keeps serving while the last old pods drain.
    /// </summary>
    private static List<EndpointInfo> Usable(IReadOnlyList<EndpointInfo>? endpoints, bool localOnly)
    {
        var usable = new List<EndpointInfo>();
        if (endpoints is null)
        {
            return usable;
        }

        for (var pass = 0; pass < 2 && usable.Count == 0; pass++)
        {
            for (var i = 0; i < endpoints.Count; i++)
            {
                var endpoint = endpoints[i];
                if (endpoint.Address.AddressFamily != AddressFamily.InterNetwork || (localOnly && !endpoint.IsLocal))
                {
                    continue;
                }

                if (pass == 0 ? endpoint.Ready : endpoint.Serving && endpoint.Terminating)
                {
                    usable.Add(endpoint);
                }
            }
        }

        return usable;
    }

    private static void AddEndpoints(List<EndpointInfo> endpoints, string id, Dictionary<EndpointInfo, string> chains)
    {
        foreach (var endpoint in endpoints)
        {
            if (!chains.ContainsKey(endpoint))
            {
                chains.Add(endpoint, NftablesNames.Hashed("endpoint", NftablesNames.EndpointId(id, endpoint)));
            }
        }
    }

    private static void WritePolicyChain(
        StringBuilder block, ServicePortProgram program, string chain, ServicePortInfo info, List<EndpointInfo> endpoints,
        Dictionary<EndpointInfo, string> endpointChains, NftablesSettings settings, string protocol, string port, bool local)
    {
        program.Chains.Add(chain);
        block.Append("chain ").Append(chain).Append(" {\n");
        foreach (var clusterIp in info.ClusterIPs)
        {
            if (clusterIp.AddressFamily == AddressFamily.InterNetwork)
            {
                block.Append("ip daddr ").Append(clusterIp).Append(" meta l4proto ").Append(protocol)
                    .Append(" th dport ").Append(port).Append(" ip saddr != ").Append(settings.ClusterCidr)
                    .Append(" jump mark-for-masquerade\n");
            }
        }

        if (info.StickySeconds > 0)
        {
            foreach (var endpoint in endpoints)
            {
                var endpointChain = endpointChains[endpoint];
                block.Append("ip saddr @").Append(AffinitySet(endpointChain)).Append(" goto ").Append(endpointChain).Append('\n');
            }

            for (var i = 0; i < endpoints.Count; i++)
            {
                var remaining = endpoints.Count - i;
                if (remaining > 1)
                {
                    block.Append("numgen random mod ").Append(remaining).Append(" 0 ");
                }

                block.Append("goto ").Append(endpointChains[endpoints[i]]).Append('\n');
            }

            block.Append("}\n");
            return;
        }

        var shard = NftablesNames.Shard(NftablesNames.ServicePortId(info.Name));
        var addressMap = BaseRuleset.BackendMap(local, nodePort: false, protocol, shard);
        block.Append("meta l4proto ").Append(protocol).Append(" dnat ip to ip daddr . ").Append(protocol).Append(" dport . numgen random mod ")
            .Append(endpoints.Count).Append(" map @").Append(addressMap).Append('\n');
        AddBackends(program, addressMap, info.ClusterIPs, port, endpoints);
        AddBackends(program, addressMap, info.ExternalIPs, port, endpoints);
        AddBackends(program, addressMap, info.LoadBalancerIPs, port, endpoints);
        if (info.NodePort > 0)
        {
            var nodePortMap = BaseRuleset.BackendMap(local, nodePort: true, protocol, shard);
            block.Append("meta l4proto ").Append(protocol).Append(" dnat ip to ").Append(protocol).Append(" dport . numgen random mod ")
                .Append(endpoints.Count).Append(" map @").Append(nodePortMap).Append('\n');
            var prefix = info.NodePort.ToString(CultureInfo.InvariantCulture) + " . ";
            for (var i = 0; i < endpoints.Count; i++)
            {
                program.Elements.Add(new MapElement(nodePortMap, prefix + i.ToString(CultureInfo.InvariantCulture), Backend(endpoints[i])));
            }
        }

        block.Append("}\n");
    }

    private static void WriteExternalChain(
        StringBuilder block, ServicePortProgram program, string chain, string serviceChain, string? localChain,
        ServicePortInfo info, NftablesSettings settings)
    {
        program.Chains.Add(chain);
        block.Append("chain ").Append(chain).Append(" {\n");
        if (!info.ExternalPolicyLocal)
        {
            block.Append("jump mark-for-masquerade\ngoto ").Append(serviceChain).Append("\n}\n");
            return;
        }

        // Local policy: pods and the node itself still reach every endpoint (the node's own traffic masqueraded, as
        // its source address would not route back); everything else keeps its source and stays on this node.
        block.Append("ip saddr ").Append(settings.ClusterCidr).Append(" goto ").Append(serviceChain).Append('\n')
            .Append("fib saddr type local jump mark-for-masquerade\n")
            .Append("fib saddr type local goto ").Append(serviceChain).Append('\n')
            .Append(localChain is null ? "drop\n" : "goto " + localChain + "\n")
            .Append("}\n");
    }

    private static void WriteEndpointChain(
        StringBuilder block, ServicePortProgram program, string chain, EndpointInfo endpoint, ServicePortInfo info, string protocol)
    {
        program.Chains.Add(chain);
        program.AffinitySets[AffinitySet(chain)] = info.StickySeconds;
        block.Append("chain ").Append(chain).Append(" {\n")
            .Append("update @").Append(AffinitySet(chain)).Append(" { ip saddr }\n");

        block.Append("meta l4proto ").Append(protocol).Append(" dnat to ").Append(endpoint.Address).Append(':')
            .Append(endpoint.Port).Append("\n}\n");
    }

    private static void AddBackends(
        ServicePortProgram program, string map, IReadOnlyList<IPAddress> addresses, string port, List<EndpointInfo> endpoints)
    {
        foreach (var address in addresses)
        {
            if (address.AddressFamily != AddressFamily.InterNetwork)
            {
                continue;
            }

            var prefix = address + " . " + port + " . ";
            for (var i = 0; i < endpoints.Count; i++)
            {
                program.Elements.Add(new MapElement(map, prefix + i.ToString(CultureInfo.InvariantCulture), Backend(endpoints[i])));
            }
        }
    }

    private static string Backend(EndpointInfo endpoint) =>
        endpoint.Address + " . " + endpoint.Port.ToString(CultureInfo.InvariantCulture);

    private static void AddExternalElements(
        ServicePortProgram program, IReadOnlyList<IPAddress> addresses, string protocol, string port, bool hasEndpoints, string externalChain)
    {
        foreach (var address in addresses)
        {
            if (address.AddressFamily != AddressFamily.InterNetwork)
            {
                continue;
            }

            program.EntryAddresses.Add(address);
            var key = address + " . " + protocol + " . " + port;
            program.Elements.Add(hasEndpoints
                ? new MapElement(BaseRuleset.MapName(NftablesMap.ServiceIps), key, "goto " + externalChain)
                : new MapElement(BaseRuleset.MapName(NftablesMap.NoEndpointServices), key, "goto reject-chain"));
        }
    }

    /// <summary>The affinity set of an endpoint chain: <c>affinity-…</c> in place of <c>endpoint-…</c>.</summary>
    public static string AffinitySet(string endpointChain) => "affinity" + endpointChain["endpoint".Length..];
}
