using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Validates a pod spec (of a pod or of a template) in upstream's order and with its field paths.</summary>
public static class PodSpecValidation
{
    /// <summary>Pod restart policies.</summary>
    public static readonly IReadOnlyList<string> RestartPolicies = ["Always", "OnFailure", "Never"];

    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

    /// <summary>
    /// Validates the spec at <paramref name="path"/> (usually <c>spec</c> or <c>spec.template.spec</c>).
    /// <paramref name="extraVolumes"/> names volumes provided from outside the spec (StatefulSet claim templates).
    /// </summary>
    public static void Validate(JsonObject? spec, string path, FieldErrorList errors, IEnumerable<string>? extraVolumes = null)
    {
        spec ??= [];
        IReadOnlySet<string> volumes = VolumeValidation.Validate(spec.GetArray("volumes"), path + ".volumes", errors);
        if (extraVolumes is not null)
        {
            volumes = volumes.Union(extraVolumes).ToHashSet(StringComparer.Ordinal);
        }
        ContainerValidation.ValidateContainers(spec.GetArray("containers"), volumes, path + ".containers", errors);
        ContainerValidation.ValidateInitContainers(spec.GetArray("initContainers"), spec.GetArray("containers"), volumes,
            path + ".initContainers", errors);
        ValidateChoice(spec.GetStringOrEmpty("restartPolicy"), RestartPolicies, path + ".restartPolicy", errors);
        var dnsPolicy = spec.GetStringOrEmpty("dnsPolicy");
        ValidateChoice(dnsPolicy, DnsPolicies, path + ".dnsPolicy", errors);
        LabelValidation.ValidateLabels(spec.GetObject("nodeSelector"), path + ".nodeSelector", errors);
        ValidateSecurityContext(spec.GetObject("securityContext"), path + ".securityContext", errors);
        AffinityValidation.Validate(spec.GetObject("affinity"), path + ".affinity", errors);
        ValidateDnsConfig(spec.GetObject("dnsConfig"), dnsPolicy, path + ".dnsConfig", errors);
        foreach (var (index, gate) in spec.GetArray("readinessGates").ObjectItems())
        {
            LabelValidation.ValidateLabelName(gate.GetStringOrEmpty("conditionType"), $"{path}.readinessGates[{index}].conditionType", errors);
        }
        var gates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, gate) in spec.GetArray("schedulingGates").ObjectItems())
        {
            var name = gate.GetStringOrEmpty("name");
            LabelValidation.ValidateLabelName(name, $"{path}.schedulingGates[{index}]", errors);
            if (!gates.Add(name))
            {
                errors.Duplicate($"{path}.schedulingGates[{index}]", name);
            }
        }
        ValidateTopologySpread(spec.GetArray("topologySpreadConstraints"), path + ".topologySpreadConstraints", errors);
        ValidateName(spec, "serviceAccountName", path, errors);
        ValidateName(spec, "nodeName", path, errors);
        if (spec.GetInt64("activeDeadlineSeconds") is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            errors.Invalid(path + ".activeDeadlineSeconds", deadline, ValueFormat.InclusiveRangeError(1, int.MaxValue));
        }
        foreach (var key in (string[])["hostname", "subdomain"])
        {
            var value = spec.GetStringOrEmpty(key);
            foreach (var message in value.Length > 0 ? NameFormat.Dns1123Label(value) : [])
            {
                errors.Invalid(path + "." + key, value, message);
            }
        }
        TolerationValidation.Validate(spec.GetArray("tolerations"), path + ".tolerations", errors);
        foreach (var (index, alias) in spec.GetArray("hostAliases").ObjectItems())
        {
            var ip = alias.GetStringOrEmpty("ip");
            if (!ValueFormat.IsIP(ip))
            {
                errors.Invalid($"{path}.hostAliases[{index}].ip", ip, ValueFormat.InvalidIPMessage);
            }
        }
        ValidateName(spec, "priorityClassName", path, errors);
        if (spec.GetString("preemptionPolicy") is { } preemption && preemption is not ("PreemptLowerPriority" or "Never"))
        {
            errors.NotSupported(path + ".preemptionPolicy", preemption, ["PreemptLowerPriority", "Never"]);
        }
    }

    private static void ValidateChoice(string value, IReadOnlyList<string> supported, string path, FieldErrorList errors)
    {
        if (value.Length == 0)
        {
            errors.Required(path);
        }
        else if (!supported.Contains(value))
        {
            errors.NotSupported(path, value, supported);
        }
    }

    private static void ValidateName(JsonObject spec, string key, string path, FieldErrorList errors)
    {
        var value = spec.GetStringOrEmpty(key);
        foreach (var message in value.Length > 0 ? NameFormat.Dns1123Subdomain(value) : [])
        {
            errors.Invalid(path + "." + key, value, message);
        }
    }

    private static void ValidateSecurityContext(JsonObject? context, string path, FieldErrorList errors)
    {
        foreach (var key in (string[])["runAsUser", "runAsGroup", "fsGroup"])
        {
            if (context?.GetInt64(key) is { } id && id is < 0 or > int.MaxValue)
            {
                errors.Invalid(path + "." + key, id, ValueFormat.InclusiveRangeError(0, int.MaxValue));
            }
        }
    }

    private static void ValidateDnsConfig(JsonObject? config, string dnsPolicy, string path, FieldErrorList errors)
    {
        if (dnsPolicy == "None")
        {
            if (config is null)
            {
                errors.Required(path, "must provide `dnsConfig` when `dnsPolicy` is None");
                return;
            }
            if (config.GetArray("nameservers").CountOf() == 0)
            {
                errors.Required(path + ".nameservers", "must provide at least one DNS nameserver when `dnsPolicy` is None");
                return;
            }
        }
        foreach (var (index, nameserver) in (config?.GetArray("nameservers")).StringItems())
        {
            if (!ValueFormat.IsIP(nameserver))
            {
                errors.Invalid($"{path}.nameservers[{index}]", nameserver, ValueFormat.InvalidIPMessage);
            }
        }
        if ((config?.GetArray("nameservers")).CountOf() > 3)
        {
            errors.InvalidRaw(path + ".nameservers", GoValueFormat.StringSlice(config!.GetArray("nameservers")), "must not have more than 3 nameservers");
        }
    }

    private static void ValidateTopologySpread(JsonArray? constraints, string path, FieldErrorList errors)
    {
        foreach (var (index, constraint) in constraints.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            var maxSkew = constraint.GetInt64("maxSkew") ?? 0;
            if (maxSkew <= 0)
            {
                errors.Invalid(itemPath + ".maxSkew", maxSkew, "must be greater than zero");
            }
            if (constraint.GetStringOrEmpty("topologyKey").Length == 0)
            {
                errors.Required(itemPath + ".topologyKey", "can not be empty");
            }
            var action = constraint.GetStringOrEmpty("whenUnsatisfiable");
            if (action is not ("DoNotSchedule" or "ScheduleAnyway"))
            {
                errors.NotSupported(itemPath + ".whenUnsatisfiable", action, ["DoNotSchedule", "ScheduleAnyway"]);
            }
        }
    }
}
