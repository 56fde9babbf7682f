using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.IngressClasses;

/// <summary>networking.k8s.io/v1 IngressClass (cluster-scoped): a controller name that never changes; parameters scope Cluster.</summary>
public sealed class IngressClassStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static IngressClassStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj) => obj.GetObject("spec")?.GetObject("parameters")?.SetIfAbsent("scope", "Cluster");

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var controller = obj.GetObject("spec")?.GetStringOrEmpty("controller") ?? "";
        if (controller.Length == 0)
        {
            errors.Required("spec.controller");
        }
        else
        {
            LabelValidation.ValidateLabelName(controller, "spec.controller", errors);
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldRules.Immutable(obj.GetObject("spec")?["controller"], old.GetObject("spec")?["controller"], "spec.controller", errors);
    }
}
