using System.Net;
using k8s.Models;
using SharpKube.Dns.Wire;

namespace SharpKube.Dns.Zone;

/// <summary>
/// The names and records one Service gives the zone, as the Kubernetes DNS specification lays them out: A/AAAA of
/// the cluster IPs (or of ready endpoints when headless), SRV per named port, a CNAME for ExternalName, per-endpoint
/// names for headless services, PTRs of the addresses.
/// </summary>
internal static class ServiceRecords
{
    /// <summary>The names of <paramref name="service"/> with its EndpointSlices <paramref name="slices"/>.</summary>
    public static Dictionary<string, ResourceRecord[]> For(V1Service service, IEnumerable<V1EndpointSlice> slices, string domain, uint ttl)
    {
        var names = new Dictionary<string, List<ResourceRecord>>(StringComparer.Ordinal);
        var ns = service.Metadata.NamespaceProperty;
        var serviceName = $"{service.Metadata.Name}.{ns}.svc.{domain}";
        Add(names, serviceName, null);
        var spec = service.Spec;
        if (spec?.Type == "ExternalName")
        {
            if (spec.ExternalName is { Length: > 0 } external)
            {
                Add(names, serviceName, new ResourceRecord(serviceName, DnsRecordType.CNAME, ttl, RecordData.Name(external.TrimEnd('.').ToLowerInvariant())));
            }
        }
        else if (IsHeadless(spec))
        {
            AddEndpoints(names, serviceName, spec, slices, ttl);
        }
        else
        {
            foreach (var address in ClusterIps(spec))
            {
                Add(names, serviceName, AddressRecord(serviceName, address, ttl));
                Add(names, ReverseName.For(address), new ResourceRecord(ReverseName.For(address), DnsRecordType.PTR, ttl, RecordData.Name(serviceName)));
                if (service.Metadata.Name == "kube-dns" && ns == "kube-system")
                {
                    Add(names, "ns.dns." + domain, AddressRecord("ns.dns." + domain, address, ttl));
                }
            }
            foreach (var port in spec?.Ports ?? [])
            {
                if (port.Name is { Length: > 0 } portName)
                {
                    var srvName = $"_{portName}._{(port.Protocol ?? "TCP").ToLowerInvariant()}.{serviceName}";
                    Add(names, srvName, new ResourceRecord(srvName, DnsRecordType.SRV, ttl, RecordData.Srv(0, 100, (ushort)port.Port, serviceName), serviceName));
                }
            }
        }
        return names.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void AddEndpoints(Dictionary<string, List<ResourceRecord>> names, string serviceName, V1ServiceSpec? spec,
        IEnumerable<V1EndpointSlice> slices, uint ttl)
    {
        var publishNotReady = spec?.PublishNotReadyAddresses == true;
        var srv = new Dictionary<string, List<(ushort Port, string Target)>>(StringComparer.Ordinal);
        foreach (var slice in slices)
        {
            if (slice.AddressType is not ("IPv4" or "IPv6"))
            {
                continue;
            }
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                // The EndpointSlice API says an unknown (null) readiness is to be read as ready.
                if (!publishNotReady && endpoint.Conditions?.Ready == false)
                {
                    continue;
                }
                foreach (var text in endpoint.Addresses ?? [])
                {
                    if (!IPAddress.TryParse(text, out var address))
                    {
                        continue;
                    }
                    var endpointName = $"{(endpoint.Hostname is { Length: > 0 } host ? host : PodAddress.Label(address))}.{serviceName}";
                    Add(names, serviceName, AddressRecord(serviceName, address, ttl));
                    Add(names, endpointName, AddressRecord(endpointName, address, ttl));
                    Add(names, ReverseName.For(address), new ResourceRecord(ReverseName.For(address), DnsRecordType.PTR, ttl, RecordData.Name(endpointName)));
                    foreach (var port in slice.Ports ?? [])
                    {
                        if (port.Name is { Length: > 0 } portName && port.Port is { } number)
                        {
                            var srvName = $"_{portName}._{(port.Protocol ?? "TCP").ToLowerInvariant()}.{serviceName}";
                            if (!srv.TryGetValue(srvName, out var targets))
                            {
                                targets = [];
                                srv[srvName] = targets;
                            }
                            targets.Add(((ushort)number, endpointName));
                        }
                    }
                }
            }
        }
        foreach (var (srvName, targets) in srv)
        {
            var distinct = targets.Distinct().ToList();
            var weight = (ushort)Math.Max(1, 100 / distinct.Count);
            foreach (var (port, target) in distinct)
            {
                Add(names, srvName, new ResourceRecord(srvName, DnsRecordType.SRV, ttl, RecordData.Srv(0, weight, port, target), target));
            }
        }
    }

    private static bool IsHeadless(V1ServiceSpec? spec) => spec?.ClusterIP == "None";

    private static IEnumerable<IPAddress> ClusterIps(V1ServiceSpec? spec)
    {
        var texts = spec?.ClusterIPs is { Count: > 0 } ips ? ips : spec?.ClusterIP is { } ip ? [ip] : [];
        foreach (var text in texts)
        {
            if (IPAddress.TryParse(text, out var address))
            {
                yield return address;
            }
        }
    }

    private static ResourceRecord AddressRecord(string name, IPAddress address, uint ttl) =>
        new(name, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.AAAA, ttl,
            RecordData.Address(address));

    private static void Add(Dictionary<string, List<ResourceRecord>> names, string name, ResourceRecord? record)
    {
        if (!names.TryGetValue(name, out var records))
        {
            records = [];
            names[name] = records;
        }
        if (record is not null && !records.Contains(record))
        {
            records.Add(record);
        }
    }
}
