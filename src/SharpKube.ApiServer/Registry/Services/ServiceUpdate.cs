using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Services;

/// <summary>
/// How upstream reconciles a Service update with what was allocated before: values the client left out are
/// carried over (clusterIPs, node ports, health check port, IP families), and values that no longer apply to a
/// new type are dropped when the client did not change them.
/// </summary>
public static class ServiceUpdate
{
    /// <summary>Applies the carry-over and the type-change cleanup to the new object in place.</summary>
    public static void Reconcile(JsonObject service, JsonObject old)
    {
        var spec = service.EnsureObject("spec");
        var oldSpec = old.GetObject("spec") ?? [];
        PatchAllocatedValues(spec, oldSpec);
        NormalizeClusterIPs(spec, oldSpec);
        DropTypeDependentFields(service, spec, oldSpec);
    }

    private static void PatchAllocatedValues(JsonObject spec, JsonObject oldSpec)
    {
        if (NeedsClusterIP(oldSpec) && NeedsClusterIP(spec))
        {
            if (spec.GetStringOrEmpty("clusterIP").Length == 0 && oldSpec["clusterIP"] is { } clusterIP)
            {
                spec["clusterIP"] = clusterIP.DeepClone();
            }
            if (spec.GetArray("clusterIPs").CountOf() == 0 && oldSpec.GetArray("clusterIPs").CountOf() > 0)
            {
                spec["clusterIPs"] = oldSpec["clusterIPs"]!.DeepClone();
            }
            if (!spec.Has("ipFamilyPolicy") && oldSpec["ipFamilyPolicy"] is { } policy)
            {
                spec["ipFamilyPolicy"] = policy.DeepClone();
            }
            if (spec.GetArray("ipFamilies").CountOf() == 0 && oldSpec["ipFamilies"] is { } families)
            {
                spec["ipFamilies"] = families.DeepClone();
            }
        }
        if (NeedsNodePort(oldSpec) && NeedsNodePort(spec))
        {
            var used = NodePorts(oldSpec).Intersect(NodePorts(spec)).ToHashSet();
            var byName = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (_, port) in oldSpec.GetArray("ports").ObjectItems())
            {
                byName[port.GetStringOrEmpty("name")] = port.GetInt64("nodePort") ?? 0;
            }
            foreach (var (_, port) in spec.GetArray("ports").ObjectItems())
            {
                if ((port.GetInt64("nodePort") ?? 0) == 0 && byName.TryGetValue(port.GetStringOrEmpty("name"), out var nodePort) &&
                    nodePort != 0 && !used.Contains(nodePort))
                {
                    port["nodePort"] = JsonObjectExtensions.Number(nodePort);
                }
            }
        }
        if (NeedsHealthCheckNodePort(oldSpec) && NeedsHealthCheckNodePort(spec) && (spec.GetInt64("healthCheckNodePort") ?? 0) == 0 &&
            oldSpec["healthCheckNodePort"] is { } healthCheckNodePort)
        {
            spec["healthCheckNodePort"] = healthCheckNodePort.DeepClone();
        }
    }

    private static void NormalizeClusterIPs(JsonObject spec, JsonObject oldSpec)
    {
        var clusterIP = spec.GetStringOrEmpty("clusterIP");
        if (clusterIP != oldSpec.GetStringOrEmpty("clusterIP") &&
            SemanticEquality.AreEqual(spec["clusterIPs"], oldSpec["clusterIPs"]))
        {
            if (clusterIP.Length == 0)
            {
                spec.Remove("clusterIPs");
            }
            else
            {
                spec["clusterIPs"] = new JsonArray(clusterIP);
            }
        }
    }

    private static void DropTypeDependentFields(JsonObject service, JsonObject spec, JsonObject oldSpec)
    {
        if (NeedsClusterIP(oldSpec) && !NeedsClusterIP(spec))
        {
            if (Same(spec, oldSpec, "clusterIPs") && Same(spec, oldSpec, "clusterIP"))
            {
                spec.Remove("clusterIP");
                spec.Remove("clusterIPs");
            }
            if (Same(spec, oldSpec, "ipFamilies"))
            {
                spec.Remove("ipFamilies");
            }
            if (Same(spec, oldSpec, "ipFamilyPolicy"))
            {
                spec.Remove("ipFamilyPolicy");
            }
        }
        if (NeedsNodePort(oldSpec) && !NeedsNodePort(spec) && NodePorts(spec).SequenceEqual(NodePorts(oldSpec)))
        {
            foreach (var (_, port) in spec.GetArray("ports").ObjectItems())
            {
                port.Remove("nodePort");
            }
        }
        if (NeedsHealthCheckNodePort(oldSpec) && !NeedsHealthCheckNodePort(spec) && Same(spec, oldSpec, "healthCheckNodePort"))
        {
            spec.Remove("healthCheckNodePort");
        }
        var type = spec.GetStringOrEmpty("type");
        if (oldSpec.GetStringOrEmpty("type") == "LoadBalancer" && type != "LoadBalancer")
        {
            if (spec.Has("allocateLoadBalancerNodePorts") && Same(spec, oldSpec, "allocateLoadBalancerNodePorts"))
            {
                spec.Remove("allocateLoadBalancerNodePorts");
            }
            if (Same(spec, oldSpec, "loadBalancerClass"))
            {
                spec.Remove("loadBalancerClass");
            }
        }
        if (ServiceDefaults.IsExternallyAccessible(oldSpec) && !ServiceDefaults.IsExternallyAccessible(spec) &&
            Same(spec, oldSpec, "externalTrafficPolicy"))
        {
            spec.Remove("externalTrafficPolicy");
        }
        if (type != "LoadBalancer")
        {
            service.EnsureObject("status")["loadBalancer"] = new JsonObject();
        }
    }

    private static bool Same(JsonObject spec, JsonObject oldSpec, string key) => SemanticEquality.AreEqual(spec[key], oldSpec[key]);

    private static IEnumerable<long> NodePorts(JsonObject spec) =>
        spec.GetArray("ports").ObjectItems().Select(p => p.Item.GetInt64("nodePort") ?? 0).Where(p => p != 0);

    private static bool NeedsClusterIP(JsonObject spec) => spec.GetStringOrEmpty("type") != "ExternalName";

    private static bool NeedsNodePort(JsonObject spec) => spec.GetStringOrEmpty("type") switch
    {
        "NodePort" => true,
        "LoadBalancer" => spec.GetBoolean("allocateLoadBalancerNodePorts") != false,
        _ => false,
    };

    private static bool NeedsHealthCheckNodePort(JsonObject spec) =>
        spec.GetStringOrEmpty("type") == "LoadBalancer" && spec.GetStringOrEmpty("externalTrafficPolicy") == "Local";
}
