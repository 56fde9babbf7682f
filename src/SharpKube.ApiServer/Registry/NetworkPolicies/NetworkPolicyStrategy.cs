using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Pods;

namespace SharpKube.ApiServer.Registry.NetworkPolicies;

/// <summary>
/// networking.k8s.io/v1 NetworkPolicy: port protocol TCP; policyTypes Ingress (plus Egress when egress rules
/// exist) when not given; selectors, policy types, ports and IP blocks validated.
/// </summary>
public sealed class NetworkPolicyStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static NetworkPolicyStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        foreach (var direction in (string[])["ingress", "egress"])
        {
            foreach (var (_, rule) in spec.GetArray(direction).ObjectItems())
            {
                foreach (var (_, port) in rule.GetArray("ports").ObjectItems())
                {
                    port.SetIfAbsent("protocol", "TCP");
                }
            }
        }
        if (spec.GetArray("policyTypes").CountOf() == 0)
        {
            spec["policyTypes"] = spec.GetArray("egress").CountOf() > 0 ? new JsonArray("Ingress", "Egress") : new JsonArray("Ingress");
        }
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        LabelSelectorValidation.Validate(spec.GetObject("podSelector"), "spec.podSelector", errors);
        ValidateRules(spec.GetArray("ingress"), "spec.ingress", "from", errors);
        ValidateRules(spec.GetArray("egress"), "spec.egress", "to", errors);
        var types = spec.GetArray("policyTypes");
        foreach (var (index, type) in types.StringItems())
        {
            if (type is not ("Ingress" or "Egress"))
            {
                errors.NotSupported($"spec.policyTypes[{index}]", type, ["Ingress", "Egress"]);
            }
        }
        if (types.CountOf() > 2)
        {
            errors.InvalidRaw("spec.policyTypes", types!.ToJsonString(), "may not specify more than two policyTypes");
        }
    }

    private static void ValidateRules(JsonArray? rules, string path, string peersKey, FieldErrorList errors)
    {
        foreach (var (index, rule) in rules.ObjectItems())
        {
            var rulePath = $"{path}[{index}]";
            foreach (var (portIndex, port) in rule.GetArray("ports").ObjectItems())
            {
                var portPath = $"{rulePath}.ports[{portIndex}]";
                if (port.GetString("protocol") is { } protocol)
                {
                    ContainerFieldValidation.ValidateProtocol(protocol, portPath + ".protocol", errors);
                }
                if (port["port"] is { } number)
                {
                    ProbeValidation.ValidatePortNumberOrName(number, portPath + ".port", errors);
                }
            }
            foreach (var (peerIndex, peer) in rule.GetArray(peersKey).ObjectItems())
            {
                var peerPath = $"{rulePath}.{peersKey}[{peerIndex}]";
                LabelSelectorValidation.Validate(peer.GetObject("podSelector"), peerPath + ".podSelector", errors);
                LabelSelectorValidation.Validate(peer.GetObject("namespaceSelector"), peerPath + ".namespaceSelector", errors);
                if (peer.GetObject("ipBlock") is { } block)
                {
                    var cidr = block.GetStringOrEmpty("cidr");
                    if (cidr.Length == 0)
                    {
                        errors.Required(peerPath + ".ipBlock.cidr");
                    }
                    else if (!IsCidr(cidr))
                    {
                        errors.Invalid(peerPath + ".ipBlock.cidr", cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
                    }
                }
            }
        }
    }

    private static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && ValueFormat.IsIP(text[..slash]) && int.TryParse(text[(slash + 1)..], out var bits) &&
            bits >= 0 && bits <= (ValueFormat.IsIPv6(text[..slash]) ? 128 : 32);
    }
}
