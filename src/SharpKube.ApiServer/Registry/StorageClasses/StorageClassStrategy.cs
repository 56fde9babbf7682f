using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.StorageClasses;

/// <summary>
/// storage.k8s.io/v1 StorageClass (cluster-scoped): reclaimPolicy Delete and volumeBindingMode Immediate by default;
/// provisioner required; provisioner, parameters, reclaim policy and binding mode never change.
/// </summary>
public sealed class StorageClassStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static StorageClassStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        obj.SetIfEmpty("reclaimPolicy", "Delete");
        obj.SetIfEmpty("volumeBindingMode", "Immediate");
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var provisioner = obj.GetStringOrEmpty("provisioner");
        if (provisioner.Length == 0)
        {
            errors.Required("provisioner");
        }
        else
        {
            LabelValidation.ValidateLabelName(provisioner.ToLowerInvariant(), "provisioner", errors);
        }
        var reclaim = obj.GetStringOrEmpty("reclaimPolicy");
        if (reclaim is not ("Delete" or "Retain"))
        {
            errors.NotSupported("reclaimPolicy", reclaim, ["Delete", "Retain"]);
        }
        var binding = obj.GetStringOrEmpty("volumeBindingMode");
        if (binding is not ("Immediate" or "WaitForFirstConsumer"))
        {
            errors.NotSupported("volumeBindingMode", binding, ["Immediate", "WaitForFirstConsumer"]);
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        foreach (var key in (string[])["parameters", "provisioner", "reclaimPolicy"])
        {
            if (!SemanticEquality.AreEqual(obj[key], old[key]))
            {
                errors.Forbidden(key, $"updates to {key} are forbidden.");
            }
        }
        FieldRules.Immutable(obj["volumeBindingMode"], old["volumeBindingMode"], "volumeBindingMode", errors);
    }
}
