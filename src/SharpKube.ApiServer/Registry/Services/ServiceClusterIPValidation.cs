using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Services;

/// <summary>Validates clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy together, and how an update may change them.</summary>
public static class ServiceClusterIPValidation
{
    private const string ClusterIPsPath = "spec.clusterIPs";

    /// <summary>Create and update rules for the address fields (ExternalName services are checked elsewhere).</summary>
    public static void Validate(JsonObject spec, FieldErrorList errors)
    {
        if (spec.GetStringOrEmpty("type") == "ExternalName")
        {
            return;
        }
        var clusterIP = spec.GetStringOrEmpty("clusterIP");
        var clusterIPs = spec.GetArray("clusterIPs");
        var ips = clusterIPs.StringItems().Select(i => i.Item).ToList();
        var rendered = GoValueFormat.StringSlice(clusterIPs);
        if (clusterIP.Length > 0)
        {
            if (ips.Count == 0)
            {
                errors.Required(ClusterIPsPath);
            }
            else if (ips[0] != clusterIP)
            {
                errors.InvalidRaw(ClusterIPsPath, rendered, "first value must match `clusterIP`");
            }
        }
        else if (ips.Count > 0)
        {
            errors.InvalidRaw(ClusterIPsPath, rendered, "must be empty when `clusterIP` is not specified");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, family) in spec.GetArray("ipFamilies").StringItems())
        {
            if (family is not ("IPv4" or "IPv6"))
            {
                errors.NotSupported($"spec.ipFamilies[{index}]", family, ["IPv4", "IPv6"]);
            }
            if (!seen.Add(family))
            {
                errors.Duplicate($"spec.ipFamilies[{index}]", family);
            }
        }
        if (spec.GetString("ipFamilyPolicy") is { } policy && policy is not ("PreferDualStack" or "RequireDualStack" or "SingleStack"))
        {
            errors.NotSupported("spec.ipFamilyPolicy", policy, ["PreferDualStack", "RequireDualStack", "SingleStack"]);
        }
        var invalid = false;
        for (var i = 0; i < ips.Count; i++)
        {
            if (i == 0 && ips[i] == "None")
            {
                if (ips.Count > 1)
                {
                    invalid = true;
                    errors.InvalidRaw(ClusterIPsPath, rendered, "'None' must be the first and only value");
                }
                continue;
            }
            if (!ValueFormat.IsIP(ips[i]))
            {
                invalid = true;
                errors.Invalid($"{ClusterIPsPath}[{i}]", ips[i], ValueFormat.InvalidIPMessage);
            }
        }
        if (ips.Count > 2)
        {
            errors.InvalidRaw(ClusterIPsPath, rendered, "may only hold up to 2 values");
        }
        if (invalid)
        {
            return;
        }
        if (ips.Count > 1 && ValueFormat.IsIPv6(ips[0]) == ValueFormat.IsIPv6(ips[1]))
        {
            errors.InvalidRaw(ClusterIPsPath, rendered, "may specify no more than one IP for each IP family");
        }
        var families = spec.GetArray("ipFamilies").StringItems().Select(f => f.Item).ToList();
        if (!ServiceValidation.IsHeadless(spec))
        {
            for (var i = 0; i < Math.Min(ips.Count, families.Count); i++)
            {
                if (families[i] == "IPv4" && ValueFormat.IsIPv6(ips[i]))
                {
                    errors.Invalid($"{ClusterIPsPath}[{i}]", ips[i], $"expected an IPv4 value as indicated by `ipFamilies[{i}]`");
                }
                if (families[i] == "IPv6" && !ValueFormat.IsIPv6(ips[i]))
                {
                    errors.Invalid($"{ClusterIPsPath}[{i}]", ips[i], $"expected an IPv6 value as indicated by `ipFamilies[{i}]`");
                }
            }
        }
    }

    /// <summary>
    /// The primary clusterIP never changes once set; a secondary one may be added, or released together with
    /// ipFamilyPolicy SingleStack. Changes to or from ExternalName, and headless to headless, are exempt.
    /// </summary>
    public static void ValidateUpdate(JsonObject spec, JsonObject oldSpec, FieldErrorList errors)
    {
        if (spec.GetStringOrEmpty("type") == "ExternalName" || oldSpec.GetStringOrEmpty("type") == "ExternalName" ||
            (ServiceValidation.IsHeadless(spec) && ServiceValidation.IsHeadless(oldSpec)))
        {
            return;
        }
        var ips = spec.GetArray("clusterIPs").StringItems().Select(i => i.Item).ToList();
        var oldIps = oldSpec.GetArray("clusterIPs").StringItems().Select(i => i.Item).ToList();
        var rendered = GoValueFormat.StringSlice(spec.GetArray("clusterIPs"));
        const string Primary = ClusterIPsPath + "[0]";
        if (ips.Count == oldIps.Count)
        {
            for (var i = 0; i < oldIps.Count; i++)
            {
                if (oldIps[i] != ips[i])
                {
                    errors.InvalidRaw($"{ClusterIPsPath}[{i}]", rendered, "may not change once set");
                }
            }
        }
        else if (oldIps.Count > ips.Count)
        {
            if (ips.Count == 0)
            {
                errors.InvalidRaw(Primary, rendered, "primary clusterIP can not be unset");
            }
            if (ips.Count > 0 && ips[0] != oldIps[0])
            {
                errors.InvalidRaw(Primary, rendered, "may not change once set");
            }
            if (ips.Count == 1 && spec.GetString("ipFamilyPolicy") != "SingleStack")
            {
                errors.InvalidRaw(Primary, rendered, "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary clusterIP");
            }
        }
        else if (oldIps.Count > 0 && ips[0] != oldIps[0])
        {
            errors.InvalidRaw(Primary, rendered, "may not change once set");
        }
        ValidateFamiliesUpdate(spec, oldSpec, errors);
    }

    private static void ValidateFamiliesUpdate(JsonObject spec, JsonObject oldSpec, FieldErrorList errors)
    {
        if (ServiceValidation.IsHeadless(spec) || ServiceValidation.IsHeadless(oldSpec))
        {
            return;
        }
        var families = spec.GetArray("ipFamilies").StringItems().Select(f => f.Item).ToList();
        var oldFamilies = oldSpec.GetArray("ipFamilies").StringItems().Select(f => f.Item).ToList();
        var changed = families.Count == oldFamilies.Count
            ? !families.SequenceEqual(oldFamilies)
            : families.Count > 0 && oldFamilies.Count > 0 && families[0] != oldFamilies[0];
        if (changed)
        {
            errors.InvalidRaw("spec.ipFamilies[0]",
                "[]core.IPFamily{" + string.Join(", ", families.Select(f => FieldErrorList.Quote(f))) + "}", "may not change once set");
        }
    }
}
