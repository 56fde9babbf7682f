using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.ServiceAccounts;

/// <summary>core/v1 ServiceAccount: no defaults; referenced secrets and pull secrets need names.</summary>
public sealed class ServiceAccountStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static ServiceAccountStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        foreach (var list in (string[])["secrets", "imagePullSecrets"])
        {
            foreach (var (index, reference) in obj.GetArray(list).ObjectItems())
            {
                var name = reference.GetStringOrEmpty("name");
                foreach (var message in name.Length > 0 ? NameFormat.Dns1123Subdomain(name) : [])
                {
                    errors.Invalid($"{list}[{index}].name", name, message);
                }
            }
        }
    }
}
