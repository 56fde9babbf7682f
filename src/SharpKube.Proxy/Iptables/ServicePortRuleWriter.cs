using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Routing;

namespace SharpKube.Proxy.Iptables;

/// <summary>
/// Writes one Service port's rules in upstream kube-proxy's iptables layout. Cluster IPs jump from nat KUBE-SERVICES
/// to KUBE-SVC (or KUBE-SVL for <c>internalTrafficPolicy: Local</c>), which marks traffic from outside the cluster
/// CIDR for masquerade and picks an endpoint chain with <c>-m statistic --mode random</c>; node ports, external IPs and
/// load-balancer IPs go through KUBE-EXT, which masquerades (or, for <c>externalTrafficPolicy: Local</c>, keeps the
/// source and uses only local endpoints). A Service port without endpoints gets REJECT rules in the filter table.
/// </summary>
internal sealed class ServicePortRuleWriter
{
    private readonly string _clusterCidr;

    /// <summary>A writer for a node whose pod network is <paramref name="clusterCidr"/>.</summary>
    public ServicePortRuleWriter(string clusterCidr) => _clusterCidr = clusterCidr;

    /// <summary>The rules of <paramref name="service"/> with <paramref name="endpoints"/>.</summary>
    public ServicePortRules Write(ServicePortInfo service, IReadOnlyList<EndpointInfo>? endpoints)
    {
        var name = service.Name;
        var text = name.ToString();
        var protocol = ChainNames.Protocol(name.Protocol);
        var match = $"-p {protocol} -m {protocol}";
        var selected = ServiceEndpoints.Of(service, endpoints);
        var clusterIPs = service.ClusterIPs.Where(IsIPv4).ToList();
        var externalIPs = service.ExternalIPs.Where(IsIPv4).ToList();
        var loadBalancerIPs = service.LoadBalancerIPs.Where(IsIPv4).ToList();
        var externallyReachable = service.NodePort > 0 || externalIPs.Count > 0 || loadBalancerIPs.Count > 0;

        var svc = ChainNames.Service(name);
        var svl = ChainNames.LocalService(name);
        var ext = ChainNames.External(name);
        var usesLocal = service.InternalPolicyLocal || (service.ExternalPolicyLocal && externallyReachable);
        var internalChain = service.InternalPolicyLocal ? svl : svc;

        var chains = new List<string>();
        var rules = new StringBuilder();
        var natServices = new StringBuilder();
        var natNodePorts = new StringBuilder();
        var filterServices = new StringBuilder();
        var filterExternal = new StringBuilder();
        var filterNodePorts = new StringBuilder();

        if (service.HealthCheckNodePort > 0)
        {
            filterNodePorts.Append($"-A KUBE-NODEPORTS -m comment --comment \"{text} health check node port\" -p tcp -m tcp --dport {service.HealthCheckNodePort} -j ACCEPT\n");
        }

        // REJECT when the Service port has no endpoint at all; DROP when it has some, but none for this traffic's policy.
        var internalTarget = selected.HasAny ? "DROP" : "REJECT";
        var internalReason = selected.HasAny ? "has no local endpoints" : "has no endpoints";
        foreach (var ip in clusterIPs)
        {
            if (selected.Internal.Count > 0)
            {
                natServices.Append($"-A KUBE-SERVICES -m comment --comment \"{text} cluster IP\" {match} -d {ip} --dport {service.Port} -j {internalChain}\n");
            }
            else
            {
                filterServices.Append($"-A KUBE-SERVICES -m comment --comment \"{text} {internalReason}\" {match} -d {ip} --dport {service.Port} -j {internalTarget}\n");
            }
        }

        var externalTarget = selected.HasAny ? "DROP" : "REJECT";
        var externalReason = selected.HasAny ? "has no local endpoints" : "has no endpoints";
        var externalUsable = selected.External.Count > 0;
        if (externallyReachable && selected.HasAny)
        {
            chains.Add(ext);
            if (service.ExternalPolicyLocal)
            {
                // Pods and the node itself reach the Service as they would its cluster IP; only off-node traffic keeps its source and local endpoints.
                rules.Append($"-A {ext} -m comment --comment \"pod traffic for {text} external destinations\" -s {_clusterCidr} -j {svc}\n");
                rules.Append($"-A {ext} -m comment --comment \"masquerade LOCAL traffic for {text} external destinations\" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ\n");
                rules.Append($"-A {ext} -m comment --comment \"route LOCAL traffic for {text} external destinations\" -m addrtype --src-type LOCAL -j {svc}\n");
                if (externalUsable)
                {
                    rules.Append($"-A {ext} -j {svl}\n");
                }
            }
            else
            {
                rules.Append($"-A {ext} -m comment --comment \"masquerade traffic for {text} external destinations\" -j KUBE-MARK-MASQ\n");
                rules.Append($"-A {ext} -j {svc}\n");
            }
        }

        foreach (var ip in externalIPs)
        {
            if (selected.HasAny)
            {
                natServices.Append($"-A KUBE-SERVICES -m comment --comment \"{text} external IP\" {match} -d {ip} --dport {service.Port} -j {ext}\n");
            }
            if (!externalUsable)
            {
                filterExternal.Append($"-A KUBE-EXTERNAL-SERVICES -m comment --comment \"{text} {externalReason}\" {match} -d {ip} --dport {service.Port} -j {externalTarget}\n");
            }
        }
        foreach (var ip in loadBalancerIPs)
        {
            if (selected.HasAny)
            {
                natServices.Append($"-A KUBE-SERVICES -m comment --comment \"{text} loadbalancer IP\" {match} -d {ip} --dport {service.Port} -j {ext}\n");
            }
            if (!externalUsable)
            {
                filterExternal.Append($"-A KUBE-EXTERNAL-SERVICES -m comment --comment \"{text} {externalReason}\" {match} -d {ip} --dport {service.Port} -j {externalTarget}\n");
            }
        }
        if (service.NodePort > 0)
        {
            if (selected.HasAny)
            {
                natNodePorts.Append($"-A KUBE-NODEPORTS -m comment --comment {text} {match} --dport {service.NodePort} -j {ext}\n");
            }
            if (!externalUsable)
            {
                filterExternal.Append($"-A KUBE-EXTERNAL-SERVICES -m comment --comment \"{text} {externalReason}\" -m addrtype --dst-type LOCAL {match} --dport {service.NodePort} -j {externalTarget}\n");
            }
        }

        if (selected.Cluster.Count > 0 && (clusterIPs.Count > 0 || externallyReachable))
        {
            chains.Add(svc);
            foreach (var ip in clusterIPs)
            {
                rules.Append($"-A {svc} -m comment --comment \"{text} cluster IP\" {match} -d {ip} --dport {service.Port} ! -s {_clusterCidr} -j KUBE-MARK-MASQ\n");
            }
            WriteBalancing(rules, svc, service, selected.Cluster);
        }
        if (usesLocal && selected.Local.Count > 0)
        {
            chains.Add(svl);
            WriteBalancing(rules, svl, service, selected.Local);
        }

        foreach (var endpoint in selected.Cluster.Concat(selected.Local).Distinct())
        {
            var sep = ChainNames.Endpoint(name, endpoint);
            chains.Add(sep);
            var affinity = service.StickySeconds > 0 ? $" -m recent --name {sep} --set" : "";
            rules.Append($"-A {sep} -m comment --comment {text} -s {endpoint.Address} -j KUBE-MARK-MASQ\n");
            rules.Append($"-A {sep} -m comment --comment {text}{affinity} {match} -j DNAT --to-destination {endpoint}\n");
        }

        return new ServicePortRules
        {
            NatChains = chains,
            NatChainRules = rules.ToString(),
            NatServices = natServices.ToString(),
            NatNodePorts = natNodePorts.ToString(),
            FilterServices = filterServices.ToString(),
            FilterExternalServices = filterExternal.ToString(),
            FilterNodePorts = filterNodePorts.ToString(),
        };
    }

    /// <summary>
    /// Spreads new connections evenly: the i-th of n endpoints is taken with probability 1/(n-i), the last always. With
    /// session affinity, a client seen within the timeout first goes back to its endpoint.
    /// </summary>
    private static void WriteBalancing(StringBuilder rules, string chain, ServicePortInfo service, IReadOnlyList<EndpointInfo> endpoints)
    {
        var text = service.Name.ToString();
        if (service.StickySeconds > 0)
        {
            foreach (var endpoint in endpoints)
            {
                var sep = ChainNames.Endpoint(service.Name, endpoint);
                rules.Append($"-A {chain} -m comment --comment \"{text} -> {endpoint}\" -m recent --name {sep} --rcheck --seconds {service.StickySeconds} --reap -j {sep}\n");
            }
        }
        for (var i = 0; i < endpoints.Count; i++)
        {
            var sep = ChainNames.Endpoint(service.Name, endpoints[i]);
            var remaining = endpoints.Count - i;
            var statistic = remaining > 1
                ? " -m statistic --mode random --probability " + (1.0 / remaining).ToString("F10", CultureInfo.InvariantCulture)
                : "";
            rules.Append($"-A {chain} -m comment --comment \"{text} -> {endpoints[i]}\"{statistic} -j {sep}\n");
        }
    }

    private static bool IsIPv4(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork;
}
