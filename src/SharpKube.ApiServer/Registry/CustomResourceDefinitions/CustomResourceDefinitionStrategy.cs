using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.CustomResourceDefinitions;

/// <summary>
/// apiextensions.k8s.io/v1 CustomResourceDefinition (light): name is <c>&lt;plural&gt;.&lt;group&gt;</c>, names and
/// scope present, exactly one storage version; conversion None, singular and listKind by default; status starts
/// with the storage version as stored version.
/// </summary>
public sealed class CustomResourceDefinitionStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static CustomResourceDefinitionStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        ApplyDefaults(obj);
        var storage = obj.GetObject("spec")?.GetArray("versions").ObjectItems()
            .FirstOrDefault(v => v.Item.GetBoolean("storage") == true).Item?.GetString("name");
        obj["status"] = new JsonObject
        {
            ["acceptedNames"] = new JsonObject { ["kind"] = "", ["plural"] = "" },
            ["storedVersions"] = storage is null ? new JsonArray() : new JsonArray(storage),
        };
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        obj["status"] = old["status"]?.DeepClone() ?? new JsonObject();
    }

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        var group = spec.GetStringOrEmpty("group");
        var names = spec.GetObject("names") ?? [];
        var plural = names.GetStringOrEmpty("plural");
        var name = obj.GetObject("metadata")?.GetStringOrEmpty("name") ?? "";
        if (name != plural + "." + group)
        {
            errors.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group");
        }
        if (group.Length == 0)
        {
            errors.Required("spec.group");
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            errors.Invalid("spec.group", group, "should be a domain with at least one dot");
        }
        foreach (var key in (string[])["plural", "kind"])
        {
            if (names.GetStringOrEmpty(key).Length == 0)
            {
                errors.Required("spec.names." + key);
            }
        }
        var scope = spec.GetStringOrEmpty("scope");
        if (scope.Length == 0)
        {
            errors.Required("spec.scope");
        }
        else if (scope is not ("Cluster" or "Namespaced"))
        {
            errors.NotSupported("spec.scope", scope, ["Cluster", "Namespaced"]);
        }
        var versions = spec.GetArray("versions");
        if (versions.CountOf() == 0)
        {
            errors.Required("spec.versions", "must have exactly one version marked as storage version");
        }
        else if (versions.ObjectItems().Count(v => v.Item.GetBoolean("storage") == true) != 1)
        {
            errors.InvalidRaw("spec.versions", versions!.ToJsonString(), "must have exactly one version marked as storage version");
        }
        foreach (var (index, version) in versions.ObjectItems())
        {
            var versionName = version.GetStringOrEmpty("name");
            foreach (var message in NameFormat.Dns1035Label(versionName))
            {
                errors.Invalid($"spec.versions[{index}].name", versionName, message);
            }
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldRules.Immutable(obj.GetObject("spec")?["scope"], old.GetObject("spec")?["scope"], "spec.scope", errors);
        FieldRules.Immutable(obj.GetObject("spec")?["group"], old.GetObject("spec")?["group"], "spec.group", errors);
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        spec.EnsureObject("conversion").SetIfEmpty("strategy", "None");
        if (spec.GetObject("conversion")?.GetObject("webhook")?.GetObject("clientConfig")?.GetObject("service") is { } service)
        {
            service.SetIfAbsent("port", 443);
        }
        var names = spec.EnsureObject("names");
        names.SetIfEmpty("singular", names.GetStringOrEmpty("kind").ToLowerInvariant());
        names.SetIfEmpty("listKind", names.GetStringOrEmpty("kind") + "List");
    }
}
