using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.PersistentVolumes;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Quantities;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.PersistentVolumeClaims;

/// <summary>
/// core/v1 PersistentVolumeClaim: Filesystem and phase Pending by default; access modes and a positive storage
/// request; the spec is immutable except volumeName (once) and, for bound claims, a larger storage request.
/// </summary>
public sealed class PersistentVolumeClaimStrategy : ResourceStrategy
{
    /// <summary>Upstream's message for spec changes a claim refuses.</summary>
    public const string ImmutableSpecMessage =
        "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

    /// <summary>The shared instance.</summary>
    public static PersistentVolumeClaimStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject();
        PersistentVolumeClaimDefaults.Apply(obj);
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone() ?? new JsonObject();
        PersistentVolumeClaimDefaults.Apply(obj);
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        if (spec.GetArray("accessModes").CountOf() == 0)
        {
            errors.Required("spec.accessModes", "at least 1 access mode is required");
        }
        foreach (var (_, mode) in spec.GetArray("accessModes").StringItems())
        {
            if (!PersistentVolumeStrategy.AccessModes.Contains(mode))
            {
                errors.NotSupported("spec.accessModes", mode, PersistentVolumeStrategy.AccessModes);
            }
        }
        LabelSelectorValidation.Validate(spec.GetObject("selector"), "spec.selector", errors);
        var storage = spec.GetObject("resources")?.GetObject("requests")?["storage"];
        if (storage is null)
        {
            errors.Required("spec.resources[storage]");
        }
        else
        {
            var text = PodQosClass.QuantityText(storage);
            if (QuantityParser.TryParse(text, out var amount) && amount <= 0)
            {
                errors.Invalid("spec.resources[storage]", text, "must be greater than zero");
            }
        }
        var className = spec.GetStringOrEmpty("storageClassName");
        foreach (var message in className.Length > 0 ? NameFormat.Dns1123Subdomain(className) : [])
        {
            errors.Invalid("spec.storageClassName", className, message);
        }
        if (spec.GetString("volumeMode") is { } volumeMode && volumeMode is not ("Block" or "Filesystem"))
        {
            errors.NotSupported("spec.volumeMode", volumeMode, ["Block", "Filesystem"]);
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        var spec = (JsonObject)(obj.GetObject("spec") ?? []).DeepClone();
        var oldSpec = (JsonObject)(old.GetObject("spec") ?? []).DeepClone();
        if (oldSpec.GetStringOrEmpty("volumeName").Length == 0)
        {
            oldSpec["volumeName"] = spec["volumeName"]?.DeepClone();
        }
        var bound = old.GetObject("status")?.GetString("phase") == "Bound";
        var storage = spec.GetObject("resources")?.GetObject("requests")?["storage"];
        var oldStorage = oldSpec.GetObject("resources")?.GetObject("requests")?["storage"];
        if (bound)
        {
            if (spec.GetObject("resources")?.GetObject("requests") is { } requests)
            {
                requests["storage"] = oldStorage?.DeepClone();
            }
            spec["volumeAttributesClassName"] = oldSpec["volumeAttributesClassName"]?.DeepClone();
        }
        if (!SemanticEquality.AreEqual(spec, oldSpec))
        {
            errors.Forbidden("spec", ImmutableSpecMessage);
        }
        if (QuantityParser.TryParse(PodQosClass.QuantityText(storage), out var size) &&
            QuantityParser.TryParse(PodQosClass.QuantityText(oldStorage), out var oldSize) && size < oldSize)
        {
            errors.Forbidden("spec.resources.requests.storage", "field can not be less than previous value");
        }
    }
}
