using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Services;

/// <summary>
/// core/v1 Service: defaults, address and port validation, and updates that keep allocated addresses. Allocation of
/// cluster IPs and node ports is the store's: it runs after PrepareForCreate/PrepareForUpdate and before validation.
/// </summary>
public sealed class ServiceStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static ServiceStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override NameRule NameRule => NameRule.Dns1035Label;

    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject();
        ServiceDefaults.Apply(obj);
        ServiceDefaults.ApplyAllocationDefaults(obj);
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone() ?? new JsonObject();
        ServiceDefaults.Apply(obj);
        ServiceUpdate.Reconcile(obj, old);
        ServiceDefaults.Apply(obj);
        ServiceDefaults.ApplyAllocationDefaults(obj);
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors) => ServiceValidation.Validate(obj, errors);

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        ServiceClusterIPValidation.ValidateUpdate(obj.GetObject("spec") ?? [], old.GetObject("spec") ?? [], errors);
        ServiceValidation.Validate(obj, errors);
    }
}
