using System.Net;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Store;
using SharpKube.ApiServer.WatchCache;

namespace SharpKube.ApiServer.Allocation;

/// <summary>
/// Gives Services their ClusterIPs (from the service CIDR) and NodePorts (30000–32767), as the API server
/// does on create and on a type change. What is in use is read from the services' watch cache, plus the
/// addresses handed out but not yet visible there.
/// </summary>
public sealed class ServiceAllocator
{
    /// <summary>The default NodePort range.</summary>
    public const int NodePortMin = 30000, NodePortMax = 32767;

    private readonly ServiceCidr _cidr;
    private readonly ResourceCache _services;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _pendingIps = [];
    private readonly Dictionary<int, long> _pendingPorts = [];
    private readonly TimeProvider _time;

    // A cached object never changes (an update is a new one), so each Service's JSON is read once, not on every create.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CachedObject, ServiceAddresses> _parsed = [];

    /// <summary>Creates the allocator over the services cache.</summary>
    public ServiceAllocator(ServiceCidr cidr, ResourceCache services, TimeProvider time)
    {
        _cidr = cidr;
        _services = services;
        _time = time;
    }

    /// <summary>Installs the allocation hooks on the services store.</summary>
    public void Attach(ResourceStore store)
    {
        store.BeforeCreate = (obj, dryRun, _) =>
        {
            Allocate(obj, null, dryRun);
            return ValueTask.CompletedTask;
        };
        store.BeforeUpdate = (obj, old, dryRun, _) =>
        {
            Allocate(obj, old, dryRun);
            return ValueTask.CompletedTask;
        };
    }

    private void Allocate(JsonObject service, JsonObject? old, bool dryRun)
    {
        var spec = service["spec"] as JsonObject ?? (JsonObject)(service["spec"] = new JsonObject());
        var type = ObjectJson.GetString(spec, "type") ?? "ClusterIP";
        var name = ObjectJson.GetString(ObjectJson.Metadata(service), "name") ?? "";
        lock (_lock)
        {
            var used = InUse(out var usedPorts, ObjectJson.GetString(ObjectJson.Metadata(service), "namespace"), name);
            if (type != "ExternalName")
            {
                AllocateClusterIp(spec, old, used, name, dryRun);
            }
            if (type is "NodePort" or "LoadBalancer")
            {
                AllocateNodePorts(spec, usedPorts, name, dryRun);
            }
        }
    }

    private void AllocateClusterIp(JsonObject spec, JsonObject? old, HashSet<string> used, string name, bool dryRun)
    {
        var requested = ObjectJson.GetString(spec, "clusterIP");
        if (old is not null && ObjectJson.GetString(old["spec"] as JsonObject, "clusterIP") is { Length: > 0 } kept)
        {
            requested = kept;
        }
        if (requested == "None")
        {
            spec["clusterIPs"] = new JsonArray("None");
            SetFamilies(spec);
            return;
        }
        if (string.IsNullOrEmpty(requested))
        {
            requested = FreeAddress(used) ?? throw Invalid(name, "spec.clusterIPs", "[]", "failed to allocate a serviceIP: range is full");
        }
        else if (old is null)
        {
            if (!IPAddress.TryParse(requested, out var address) || !_cidr.Contains(address))
            {
                throw Invalid(name, "spec.clusterIPs", $"[]string{{\"{requested}\"}}",
                    $"failed to allocate IP {requested}: the provided IP ({requested}) is not in the valid range. The range of valid IPs is {_cidr.At(0)}/{_cidr.PrefixLength}");
            }
            if (used.Contains(requested))
            {
                throw Invalid(name, "spec.clusterIPs", $"[]string{{\"{requested}\"}}",
                    $"failed to allocate IP {requested}: provided IP is already allocated");
            }
        }
        spec["clusterIP"] = requested;
        spec["clusterIPs"] = new JsonArray(requested);
        SetFamilies(spec);
        if (!dryRun)
        {
            _pendingIps[requested] = _time.GetTimestamp();
        }
    }

    private static void SetFamilies(JsonObject spec)
    {
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
    }

    private void AllocateNodePorts(JsonObject spec, HashSet<int> usedPorts, string name, bool dryRun)
    {
        if (spec["ports"] is not JsonArray ports)
        {
            return;
        }
        foreach (var port in ports.OfType<JsonObject>())
        {
            if (ObjectJson.GetInt64(port, "nodePort") is { } given and > 0)
            {
                if (given is < NodePortMin or > NodePortMax)
                {
                    throw Invalid(name, "spec.ports[0].nodePort", given.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"provided port is not in the valid range. The range of valid ports is {NodePortMin}-{NodePortMax}");
                }
                continue;
            }
            var free = Enumerable.Range(0, NodePortMax - NodePortMin + 1)
                .Select(i => NodePortMin + (i + Random.Shared.Next(NodePortMax - NodePortMin + 1)) % (NodePortMax - NodePortMin + 1))
                .FirstOrDefault(p => !usedPorts.Contains(p));
            if (free == 0)
            {
                throw Invalid(name, "spec.ports[0].nodePort", "0", "failed to allocate a nodePort: range is full");
            }
            port["nodePort"] = free;
            usedPorts.Add(free);
            if (!dryRun)
            {
                _pendingPorts[free] = _time.GetTimestamp();
            }
        }
    }

    private string? FreeAddress(HashSet<string> used)
    {
        // Skip the network address, the kubernetes service's address (offset 1) and the broadcast address.
        var size = _cidr.Size;
        var start = Random.Shared.NextInt64(2, size - 1);
        for (long i = 0; i < size - 3; i++)
        {
            var offset = 2 + (start - 2 + i) % (size - 3);
            var candidate = _cidr.At(offset).ToString();
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private HashSet<string> InUse(out HashSet<int> nodePorts, string? ns, string self)
    {
        var ips = new HashSet<string>(StringComparer.Ordinal);
        nodePorts = [];
        foreach (var service in _services.List(ObjectFilter.Everything, null, 0, out _, out _))
        {
            if (service.Namespace == ns && service.Name == self)
            {
                continue;
            }
            var taken = _parsed.GetValue(service, static cached => ServiceAddresses.Read(cached.Json));
            if (taken.ClusterIp is { } ip)
            {
                ips.Add(ip);
            }
            nodePorts.UnionWith(taken.NodePorts);
        }
        // Addresses handed out recently may not have reached the cache yet.
        var now = _time.GetTimestamp();
        foreach (var (ip, at) in _pendingIps.ToList())
        {
            if (_time.GetElapsedTime(at, now) > TimeSpan.FromSeconds(10))
            {
                _pendingIps.Remove(ip);
            }
            else
            {
                ips.Add(ip);
            }
        }
        foreach (var (port, at) in _pendingPorts.ToList())
        {
            if (_time.GetElapsedTime(at, now) > TimeSpan.FromSeconds(10))
            {
                _pendingPorts.Remove(port);
            }
            else
            {
                nodePorts.Add(port);
            }
        }
        return ips;
    }

    private static StatusException Invalid(string name, string field, string value, string detail) =>
        StatusErrors.Invalid("", "Service", name, [new FieldError(FieldErrorType.Invalid, field, value, detail)]);
}
