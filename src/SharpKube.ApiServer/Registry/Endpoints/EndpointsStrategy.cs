using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Pods;

namespace SharpKube.ApiServer.Registry.Endpoints;

/// <summary>core/v1 Endpoints: port protocol TCP by default; addresses must be IPs, ports valid and named when several.</summary>
public sealed class EndpointsStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static EndpointsStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        foreach (var (_, subset) in obj.GetArray("subsets").ObjectItems())
        {
            foreach (var (_, port) in subset.GetArray("ports").ObjectItems())
            {
                port.SetIfEmpty("protocol", "TCP");
            }
        }
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        foreach (var (index, subset) in obj.GetArray("subsets").ObjectItems())
        {
            var path = $"subsets[{index}]";
            if (subset.GetArray("addresses").CountOf() == 0 && subset.GetArray("notReadyAddresses").CountOf() == 0)
            {
                errors.Required(path, "must specify `addresses` or `notReadyAddresses`");
            }
            foreach (var list in (string[])["addresses", "notReadyAddresses"])
            {
                foreach (var (addressIndex, address) in subset.GetArray(list).ObjectItems())
                {
                    var ip = address.GetStringOrEmpty("ip");
                    if (!ValueFormat.IsIP(ip))
                    {
                        errors.Invalid($"{path}.{list}[{addressIndex}].ip", ip, ValueFormat.InvalidIPMessage);
                    }
                }
            }
            var ports = subset.GetArray("ports");
            foreach (var (portIndex, port) in ports.ObjectItems())
            {
                var portPath = $"{path}.ports[{portIndex}]";
                var name = port.GetStringOrEmpty("name");
                if (ports.CountOf() > 1 && name.Length == 0)
                {
                    errors.Required(portPath + ".name");
                }
                foreach (var message in name.Length > 0 ? NameFormat.Dns1123Label(name) : [])
                {
                    errors.Invalid(portPath + ".name", name, message);
                }
                var number = port.GetInt64("port") ?? 0;
                foreach (var message in ValueFormat.PortNumber(number))
                {
                    errors.Invalid(portPath + ".port", number, message);
                }
                ContainerFieldValidation.ValidateProtocol(port.GetStringOrEmpty("protocol"), portPath + ".protocol", errors);
            }
        }
    }
}
