using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Services;

/// <summary>
/// Upstream's Service defaults: type, session affinity, port protocol and targetPort, traffic policies,
/// LoadBalancer node port allocation; plus the IP family fields upstream's allocator fills (single-stack IPv4).
/// </summary>
public static class ServiceDefaults
{
    /// <summary>Seconds of ClientIP session affinity when not given (3 hours).</summary>
    public const int DefaultClientIPTimeoutSeconds = 10800;

    /// <summary>Applies the field defaults in place.</summary>
    public static void Apply(JsonObject service)
    {
        var spec = service.EnsureObject("spec");
        spec.SetIfEmpty("sessionAffinity", "None");
        var affinity = spec.GetStringOrEmpty("sessionAffinity");
        if (affinity == "None")
        {
            spec.Remove("sessionAffinityConfig");
        }
        else if (affinity == "ClientIP" && spec.GetObject("sessionAffinityConfig")?.GetObject("clientIP")?.Has("timeoutSeconds") != true)
        {
            spec["sessionAffinityConfig"] = new JsonObject
            {
                ["clientIP"] = new JsonObject { ["timeoutSeconds"] = DefaultClientIPTimeoutSeconds },
            }.AsParsed();
        }
        spec.SetIfEmpty("type", "ClusterIP");
        var type = spec.GetStringOrEmpty("type");
        foreach (var (_, port) in spec.GetArray("ports").ObjectItems())
        {
            port.SetIfEmpty("protocol", "TCP");
            var target = port["targetPort"];
            if (target is null || JsonObjectExtensions.AsInt64(target) == 0 || JsonObjectExtensions.AsString(target) == "")
            {
                port["targetPort"] = port["port"]?.DeepClone() ?? JsonObjectExtensions.Number(0);
            }
        }
        if (IsExternallyAccessible(spec))
        {
            spec.SetIfEmpty("externalTrafficPolicy", "Cluster");
        }
        if (type is "ClusterIP" or "NodePort" or "LoadBalancer")
        {
            spec.SetIfAbsent("internalTrafficPolicy", "Cluster");
        }
        if (type == "LoadBalancer")
        {
            spec.SetIfAbsent("allocateLoadBalancerNodePorts", true);
        }
        // ServiceStatus.LoadBalancer is a Go struct: it is always serialized.
        service.EnsureObject("status").EnsureObject("loadBalancer");
    }

    /// <summary>
    /// On create, what upstream's allocator settles before validation: clusterIPs from a lone clusterIP, and
    /// ipFamilyPolicy / ipFamilies for every type but ExternalName (this cluster is single-stack IPv4 unless the
    /// client asks for IPv6 addresses).
    /// </summary>
    public static void ApplyAllocationDefaults(JsonObject service)
    {
        var spec = service.EnsureObject("spec");
        if (spec.GetStringOrEmpty("clusterIP").Length > 0 && spec.GetArray("clusterIPs").CountOf() == 0)
        {
            spec["clusterIPs"] = new JsonArray(spec.GetString("clusterIP"));
        }
        if (spec.GetStringOrEmpty("type") == "ExternalName")
        {
            return;
        }
        var families = spec.GetArray("ipFamilies");
        var clusterIPs = spec.GetArray("clusterIPs").StringItems().Select(i => i.Item).Where(ip => ip != "None").ToList();
        if (!spec.Has("ipFamilyPolicy"))
        {
            spec["ipFamilyPolicy"] = families.CountOf() == 2 || clusterIPs.Count == 2 ? "RequireDualStack" : "SingleStack";
        }
        if (families.CountOf() == 0)
        {
            var family = clusterIPs.Count > 0 && ValueFormat.IsIPv6(clusterIPs[0]) ? "IPv6" : "IPv4";
            spec["ipFamilies"] = new JsonArray(family);
        }
    }

    /// <summary>NodePort and LoadBalancer services, and ClusterIP services with external IPs.</summary>
    public static bool IsExternallyAccessible(JsonObject spec) => spec.GetStringOrEmpty("type") switch
    {
        "LoadBalancer" or "NodePort" => true,
        "ClusterIP" => spec.GetArray("externalIPs").CountOf() > 0,
        _ => false,
    };
}
