using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Metadata;

/// <summary>Validates <c>metadata.ownerReferences</c>; like upstream, errors name the list, not the index.</summary>
public static class OwnerReferenceValidation
{
    /// <summary>Each reference needs apiVersion (with a version), kind, name and uid; at most one controller.</summary>
    public static void Validate(JsonArray? references, string path, FieldErrorList errors)
    {
        string? firstController = null;
        foreach (var (_, reference) in references.ObjectItems())
        {
            var apiVersion = reference.GetStringOrEmpty("apiVersion");
            var kind = reference.GetStringOrEmpty("kind");
            var version = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
            if (version.Length == 0)
            {
                errors.Invalid(path + ".apiVersion", apiVersion, "version must not be empty");
            }
            if (kind.Length == 0)
            {
                errors.Invalid(path + ".kind", kind, "must not be empty");
            }
            if (reference.GetStringOrEmpty("name").Length == 0)
            {
                errors.Invalid(path + ".name", "", "must not be empty");
            }
            if (reference.GetStringOrEmpty("uid").Length == 0)
            {
                errors.Invalid(path + ".uid", "", "must not be empty");
            }
            if (apiVersion == "v1" && kind == "Event")
            {
                errors.InvalidRaw(path, Render(reference), "/v1, Kind=Event is disallowed from being an owner");
            }
            if (reference.GetBoolean("controller") == true)
            {
                var current = kind + "/" + reference.GetStringOrEmpty("name");
                if (firstController is null)
                {
                    firstController = current;
                }
                else
                {
                    errors.InvalidRaw(path, "[" + string.Join(" ", references!.ObjectItems().Select(r => Render(r.Item))) + "]",
                        $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}");
                }
            }
        }
    }

    private static string Render(JsonObject reference) =>
        "{" + string.Join(" ", new[] { "apiVersion", "kind", "name", "uid" }.Select(reference.GetStringOrEmpty)) + "}";
}
