using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.EndpointSlices;

/// <summary>
/// discovery.k8s.io/v1 EndpointSlice: ports default to name "" and TCP; address type required and immutable;
/// generation counts every change outside metadata.
/// </summary>
public sealed class EndpointSliceStrategy : ResourceStrategy
{
    private static readonly string[] AddressTypes = ["FQDN", "IPv4", "IPv6"];

    /// <summary>The shared instance.</summary>
    public static EndpointSliceStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override bool IsGenerationChange(JsonObject obj, JsonObject old) =>
        obj.Select(p => p.Key).Union(old.Select(p => p.Key), StringComparer.Ordinal)
            .Where(k => k is not ("metadata" or "apiVersion" or "kind"))
            .Any(k => !SemanticEquality.AreEqual(obj[k], old[k]));

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        foreach (var (_, port) in obj.GetArray("ports").ObjectItems())
        {
            port.SetIfAbsent("name", "");
            port.SetIfAbsent("protocol", "TCP");
        }
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var addressType = obj.GetStringOrEmpty("addressType");
        if (addressType.Length == 0)
        {
            errors.Required("addressType");
        }
        else if (!AddressTypes.Contains(addressType))
        {
            errors.NotSupported("addressType", addressType, AddressTypes);
        }
        foreach (var (index, endpoint) in obj.GetArray("endpoints").ObjectItems())
        {
            var addresses = endpoint.GetArray("addresses");
            if (addresses.CountOf() == 0)
            {
                errors.Required($"endpoints[{index}].addresses", "must contain at least 1 address");
            }
            foreach (var (addressIndex, address) in addresses.StringItems())
            {
                var valid = addressType == "FQDN" ? NameFormat.Dns1123Subdomain(address).Count == 0
                    : ValueFormat.IsIP(address) && ValueFormat.IsIPv6(address) == (addressType == "IPv6");
                if (!valid && addressType.Length > 0)
                {
                    errors.Invalid($"endpoints[{index}].addresses[{addressIndex}]", address,
                        addressType == "FQDN" ? "must be a valid DNS name" : $"must be a valid {addressType} address");
                }
            }
        }
        foreach (var (index, port) in obj.GetArray("ports").ObjectItems())
        {
            if (port.GetString("protocol") is { } protocol)
            {
                ContainerFieldValidation.ValidateProtocol(protocol, $"ports[{index}].protocol", errors);
            }
            if (port.GetInt64("port") is { } number)
            {
                foreach (var message in ValueFormat.PortNumber(number))
                {
                    errors.Invalid($"ports[{index}].port", number, message);
                }
            }
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldRules.Immutable(obj["addressType"], old["addressType"], "addressType", errors);
    }
}
