using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Namespaces;

/// <summary>
/// core/v1 Namespace: the <c>kubernetes.io/metadata.name</c> label, the <c>kubernetes</c> finalizer and phase
/// Active on create; spec.finalizers change only through <c>/finalize</c>, status only through <c>/status</c>.
/// </summary>
public sealed class NamespaceStrategy : ResourceStrategy
{
    /// <summary>The label every namespace carries with its own name.</summary>
    public const string MetadataNameLabel = "kubernetes.io/metadata.name";

    /// <summary>The shared instance.</summary>
    public static NamespaceStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override NameRule NameRule => NameRule.DnsLabel;

    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        var finalizers = obj.EnsureObject("spec").GetArray("finalizers");
        if (finalizers is null)
        {
            obj.EnsureObject("spec")["finalizers"] = new JsonArray("kubernetes");
        }
        else if (!finalizers.StringItems().Any(f => f.Item == "kubernetes"))
        {
            finalizers.Add("kubernetes");
        }
        ApplyNameLabel(obj);
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        var spec = obj.EnsureObject("spec");
        spec["finalizers"] = old.GetObject("spec")?["finalizers"]?.DeepClone();
        if (spec["finalizers"] is null)
        {
            spec.Remove("finalizers");
        }
        obj["status"] = old["status"]?.DeepClone() ?? new JsonObject { ["phase"] = "Active" };
        ApplyNameLabel(obj);
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var finalizers = obj.GetObject("spec")?.GetArray("finalizers");
        foreach (var (_, name) in finalizers.StringItems())
        {
            foreach (var message in NameFormat.QualifiedName(name))
            {
                errors.Invalid("spec.finalizers", name, message);
            }
            if (!name.Contains('/', StringComparison.Ordinal) && name is not ("kubernetes" or "orphan" or "foregroundDeletion"))
            {
                errors.Invalid("spec.finalizers", name, "name is neither a standard finalizer name nor is it fully qualified");
            }
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
    }

    private static void ApplyNameLabel(JsonObject obj)
    {
        var metadata = obj.EnsureObject("metadata");
        var name = metadata.GetStringOrEmpty("name");
        if (name.Length > 0)
        {
            metadata.EnsureObject("labels")[MetadataNameLabel] = name;
        }
    }
}
