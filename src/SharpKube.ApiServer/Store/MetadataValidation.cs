using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry;

namespace SharpKube.ApiServer.Store;

/// <summary>Generic <c>metadata</c> validation applied to every kind before its strategy runs.</summary>
public static class MetadataValidation
{
    /// <summary>Validates a new object (<paramref name="old"/> null) or an update.</summary>
    public static void Validate(JsonObject obj, JsonObject? old, NameRule rule, bool namespaced, FieldErrorList errors)
    {
        var metadata = ObjectJson.Metadata(obj);
        var name = ObjectJson.GetString(metadata, "name");
        if (string.IsNullOrEmpty(name))
        {
            errors.Required("metadata.name", "name or generateName is required");
        }
        _ = rule;
        _ = namespaced;
        _ = old;
    }
}
