using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Pods;

namespace SharpKube.ApiServer.Registry.Nodes;

/// <summary>
/// core/v1 Node (cluster-scoped): status kept on create (the kubelet registers with it), allocatable defaults to
/// capacity, pod CIDRs and provider ID may only be set once, taints validated.
/// </summary>
public sealed class NodeStrategy : ResourceStrategy
{
    private const string CidrOnceMessage = "node updates may not change podCIDR except from \"\" to valid";

    /// <summary>The shared instance.</summary>
    public static NodeStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj) => ApplyDefaults(obj);

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone() ?? new JsonObject();
        ApplyDefaults(obj);
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec");
        foreach (var (index, taint) in (spec?.GetArray("taints")).ObjectItems())
        {
            var path = $"spec.taints[{index}]";
            LabelValidation.ValidateLabelName(taint.GetStringOrEmpty("key"), path + ".key", errors);
            foreach (var message in NameFormat.LabelValue(taint.GetStringOrEmpty("value")))
            {
                errors.Invalid(path + ".value", taint.GetStringOrEmpty("value"), message);
            }
            var effect = taint.GetStringOrEmpty("effect");
            if (effect.Length == 0)
            {
                errors.Required(path + ".effect");
            }
            else if (!TolerationValidation.Effects.Contains(effect))
            {
                errors.NotSupported(path + ".effect", effect, TolerationValidation.Effects);
            }
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        var spec = obj.GetObject("spec") ?? [];
        var oldSpec = old.GetObject("spec") ?? [];
        var cidrs = spec.GetArray("podCIDRs").StringItems().Select(c => c.Item).ToList();
        var oldCidrs = oldSpec.GetArray("podCIDRs").StringItems().Select(c => c.Item).ToList();
        if (oldCidrs.Count > 0 && !cidrs.SequenceEqual(oldCidrs))
        {
            errors.Forbidden("spec.podCIDRs", CidrOnceMessage);
        }
        var providerId = oldSpec.GetStringOrEmpty("providerID");
        if (providerId.Length > 0 && providerId != spec.GetStringOrEmpty("providerID"))
        {
            errors.Forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid");
        }
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        // v1 keeps podCIDR as the first of podCIDRs.
        if (spec.GetString("podCIDR") is { Length: > 0 } cidr && spec.GetArray("podCIDRs").CountOf() == 0)
        {
            spec["podCIDRs"] = new JsonArray(cidr);
        }
        else if (spec.GetArray("podCIDRs") is { Count: > 0 } cidrs && spec.GetStringOrEmpty("podCIDR").Length == 0)
        {
            spec["podCIDR"] = cidrs[0]?.DeepClone();
        }
        if (obj.GetObject("status") is { } status && status.GetObject("capacity") is { } capacity && !status.Has("allocatable"))
        {
            status["allocatable"] = capacity.DeepClone();
        }
    }
}
