using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Store;

/// <summary>Generic <c>metadata</c> validation applied to every kind before its strategy runs.</summary>
public static class MetadataValidation
{
    /// <summary>Validates a new object (<paramref name="old"/> null) or an update.</summary>
    public static void Validate(JsonObject obj, JsonObject? old, NameRule rule, bool namespaced, bool strictFinalizers, FieldErrorList errors)
    {
        if (old is null)
        {
            ObjectMetaValidation.Validate(obj, rule, namespaced, errors, strictFinalizers);
        }
        else
        {
            ObjectMetaValidation.ValidateUpdate(obj, old, errors, strictFinalizers);
        }
    }
}
