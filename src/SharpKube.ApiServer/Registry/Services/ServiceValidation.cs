using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Pods;

namespace SharpKube.ApiServer.Registry.Services;

/// <summary>Validates a Service spec with upstream's rules, order and messages.</summary>
public static class ServiceValidation
{
    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

    /// <summary>Validates the service.</summary>
    public static void Validate(JsonObject service, FieldErrorList errors)
    {
        var spec = service.GetObject("spec") ?? [];
        var type = spec.GetStringOrEmpty("type");
        var headless = IsHeadless(spec);
        var ports = spec.GetArray("ports");
        if (ports.CountOf() == 0 && !headless && type != "ExternalName")
        {
            errors.Required("spec.ports");
        }
        ValidateTypeSpecifics(spec, type, headless, errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, port) in ports.ObjectItems())
        {
            ValidatePort(port, ports.CountOf() > 1, names, $"spec.ports[{index}]", errors);
        }
        if (spec.GetObject("selector") is { } selector)
        {
            LabelValidation.ValidateLabels(selector, "spec.selector", errors);
        }
        ValidateSessionAffinity(spec, errors);
        ServiceClusterIPValidation.Validate(spec, errors);
        foreach (var (index, ip) in spec.GetArray("externalIPs").StringItems())
        {
            if (!ValueFormat.IsIP(ip))
            {
                errors.Invalid($"spec.externalIPs[{index}]", ip, ValueFormat.InvalidIPMessage);
            }
        }
        if (type.Length == 0)
        {
            errors.Required("spec.type");
        }
        else if (!Types.Contains(type))
        {
            errors.NotSupported("spec.type", type, Types);
        }
        ValidatePortUniqueness(spec, type, errors);
        ValidateTrafficPolicies(spec, type, errors);
    }

    /// <summary>True for a headless service: clusterIPs is exactly ["None"].</summary>
    public static bool IsHeadless(JsonObject spec) =>
        spec.GetArray("clusterIPs") is { Count: 1 } ips && JsonObjectExtensions.AsString(ips[0]) == "None";

    private static void ValidateTypeSpecifics(JsonObject spec, string type, bool headless, FieldErrorList errors)
    {
        switch (type)
        {
            case "LoadBalancer":
                if (headless)
                {
                    errors.Invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for LoadBalancer services");
                }
                foreach (var (index, port) in spec.GetArray("ports").ObjectItems())
                {
                    if (port.GetInt64("port") == 10250)
                    {
                        errors.Invalid($"spec.ports[{index}]", 10250, "may not expose port 10250 externally since it is used by kubelet");
                    }
                }
                break;
            case "NodePort" when headless:
                errors.Invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for NodePort services");
                break;
            case "ExternalName":
                if (spec.GetArray("clusterIPs").CountOf() > 0)
                {
                    errors.Forbidden("spec.clusterIPs", "may not be set for ExternalName services");
                }
                if (spec.GetArray("ipFamilies").CountOf() > 0)
                {
                    errors.Forbidden("spec.ipFamilies", "may not be set for ExternalName services");
                }
                if (spec.Has("ipFamilyPolicy"))
                {
                    errors.Forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services");
                }
                var externalName = spec.GetStringOrEmpty("externalName");
                var cname = externalName.EndsWith('.') ? externalName[..^1] : externalName;
                if (cname.Length == 0)
                {
                    errors.Required("spec.externalName");
                }
                foreach (var message in cname.Length > 0 ? NameFormat.Dns1123Subdomain(cname) : [])
                {
                    errors.Invalid("spec.externalName", cname, message);
                }
                break;
        }
    }

    private static void ValidatePort(JsonObject port, bool requireName, HashSet<string> names, string path, FieldErrorList errors)
    {
        var name = port.GetStringOrEmpty("name");
        if (requireName && name.Length == 0)
        {
            errors.Required(path + ".name");
        }
        else if (name.Length > 0)
        {
            foreach (var message in NameFormat.Dns1123Label(name))
            {
                errors.Invalid(path + ".name", name, message);
            }
            if (!names.Add(name))
            {
                errors.Duplicate(path + ".name", name);
            }
        }
        var number = port.GetInt64("port") ?? 0;
        foreach (var message in ValueFormat.PortNumber(number))
        {
            errors.Invalid(path + ".port", number, message);
        }
        ContainerFieldValidation.ValidateProtocol(port.GetStringOrEmpty("protocol"), path + ".protocol", errors);
        ProbeValidation.ValidatePortNumberOrName(port["targetPort"], path + ".targetPort", errors);
        if (port.GetString("appProtocol") is { } appProtocol)
        {
            LabelValidation.ValidateLabelName(appProtocol, path + ".appProtocol", errors);
        }
    }

    private static void ValidateSessionAffinity(JsonObject spec, FieldErrorList errors)
    {
        var affinity = spec.GetStringOrEmpty("sessionAffinity");
        if (affinity.Length == 0)
        {
            errors.Required("spec.sessionAffinity");
        }
        else if (affinity is not ("ClientIP" or "None"))
        {
            errors.NotSupported("spec.sessionAffinity", affinity, ["ClientIP", "None"]);
        }
        if (affinity == "ClientIP")
        {
            var config = spec.GetObject("sessionAffinityConfig");
            if (config?.GetObject("clientIP") is not { } clientIP)
            {
                errors.Required(config is null ? "spec.sessionAffinityConfig" : "spec.sessionAffinityConfig.clientIP",
                    "when session affinity type is ClientIP");
            }
            else if (clientIP.GetInt64("timeoutSeconds") is not (> 0 and <= 86400) and var timeout)
            {
                errors.Invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout ?? 0, "must be greater than 0 and less than 86400");
            }
        }
        else if (affinity == "None" && spec.Has("sessionAffinityConfig"))
        {
            errors.Forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None");
        }
    }

    private static void ValidatePortUniqueness(JsonObject spec, string type, FieldErrorList errors)
    {
        var nodePorts = new HashSet<string>(StringComparer.Ordinal);
        var ports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, port) in spec.GetArray("ports").ObjectItems())
        {
            var nodePort = port.GetInt64("nodePort") ?? 0;
            var protocol = port.GetStringOrEmpty("protocol");
            if (type == "ClusterIP" && nodePort != 0)
            {
                errors.Forbidden($"spec.ports[{index}].nodePort", "may not be used when `type` is 'ClusterIP'");
            }
            if (nodePort != 0 && !nodePorts.Add($"{protocol}/{nodePort}"))
            {
                errors.Add(new(FieldErrorType.Duplicate, $"spec.ports[{index}].nodePort", nodePort.ToString(System.Globalization.CultureInfo.InvariantCulture), ""));
            }
        }
        foreach (var (index, port) in spec.GetArray("ports").ObjectItems())
        {
            var number = port.GetInt64("port") ?? 0;
            var protocol = port.GetStringOrEmpty("protocol");
            if (!ports.Add($"{protocol}/{number}"))
            {
                errors.Add(new(FieldErrorType.Duplicate, $"spec.ports[{index}]",
                    $"core.ServicePort{{Name:\"\", Protocol:{FieldErrorList.Quote(protocol)}, AppProtocol:(*string)(nil), Port:{number}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}", ""));
            }
        }
    }

    private static void ValidateTrafficPolicies(JsonObject spec, string type, FieldErrorList errors)
    {
        var external = spec.GetStringOrEmpty("externalTrafficPolicy");
        if (!ServiceDefaults.IsExternallyAccessible(spec))
        {
            if (external.Length > 0)
            {
                errors.Invalid("spec.externalTrafficPolicy", external, "may only be set for externally-accessible services");
            }
        }
        else if (external.Length == 0)
        {
            errors.Required("spec.externalTrafficPolicy");
        }
        else if (external is not ("Cluster" or "Local"))
        {
            errors.NotSupported("spec.externalTrafficPolicy", external, ["Cluster", "Local"]);
        }
        var healthCheckNodePort = spec.GetInt64("healthCheckNodePort") ?? 0;
        var needsHealthCheck = type == "LoadBalancer" && external == "Local";
        if (!needsHealthCheck && healthCheckNodePort != 0)
        {
            errors.Invalid("spec.healthCheckNodePort", healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
        }
        else if (needsHealthCheck && healthCheckNodePort != 0)
        {
            foreach (var message in ValueFormat.PortNumber(healthCheckNodePort))
            {
                errors.Invalid("spec.healthCheckNodePort", healthCheckNodePort, message);
            }
        }
        if (spec.GetString("internalTrafficPolicy") is { } internalPolicy)
        {
            if (internalPolicy is not ("Cluster" or "Local"))
            {
                errors.NotSupported("spec.internalTrafficPolicy", internalPolicy, ["Cluster", "Local"]);
            }
        }
        else if (type is "ClusterIP" or "NodePort" or "LoadBalancer")
        {
            errors.Required("spec.internalTrafficPolicy", "must be specified when `type` is 'ClusterIP', 'NodePort', or 'LoadBalancer'");
        }
        if (type != "LoadBalancer" && spec.Has("allocateLoadBalancerNodePorts"))
        {
            errors.Forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'");
        }
    }
}
