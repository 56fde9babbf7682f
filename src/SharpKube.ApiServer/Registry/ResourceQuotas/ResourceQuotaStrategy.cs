using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Quantities;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.ResourceQuotas;

/// <summary>core/v1 ResourceQuota: status reset on create and kept on update; hard limits are non-negative quantities.</summary>
public sealed class ResourceQuotaStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static ResourceQuotaStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj) => obj["status"] = new JsonObject();

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => obj["status"] = old["status"]?.DeepClone() ?? new JsonObject();

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        foreach (var (name, value) in obj.GetObject("spec")?.GetObject("hard") ?? [])
        {
            var text = PodQosClass.QuantityText(value);
            if (QuantityParser.TryParse(text, out var amount) && amount < 0)
            {
                errors.Invalid($"spec.hard[{name}]", text, FieldRules.NegativeMessage);
            }
        }
    }
}
