using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Patching;
using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.TypedDecoding;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Patching;

/// <summary>
/// The one place PATCH bodies are recognised and applied: JSON patch, JSON merge patch, strategic merge patch for
/// kinds with a model (driven by the patch-metadata table), and server-side apply (PatchApplier.Apply.cs).
/// </summary>
public static partial class PatchApplier
{
    /// <summary>The PATCH media types served, in upstream's order.</summary>
    public static IReadOnlyList<string> AcceptedMediaTypes { get; } =
        [MediaTypes.JsonPatch, MediaTypes.MergePatch, MediaTypes.ApplyPatch, MediaTypes.StrategicMergePatch];

    /// <summary>Reads the body of a PATCH request; 415 UnsupportedMediaType for a format not served.</summary>
    public static async Task<PatchRequest> ReadAsync(HttpContext context)
    {
        var media = MediaTypes.MediaTypeOf(context.Request.ContentType);
        if (!AcceptedMediaTypes.Contains(media))
        {
            throw UnsupportedMediaType();
        }
        var type = media switch
        {
            MediaTypes.JsonPatch => PatchType.Json,
            MediaTypes.MergePatch => PatchType.Merge,
            MediaTypes.StrategicMergePatch => PatchType.StrategicMerge,
            _ => PatchType.Apply,
        };
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        return new PatchRequest(type, body);
    }

    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="current"/> (a private copy, which may be reused) and
    /// checks that the result is still the object the URL names. A <c>metadata.resourceVersion</c> the patch
    /// sets stays in the result, where the store treats it as a precondition.
    /// </summary>
    public static JsonObject Apply(PatchRequest patch, JsonObject current, string groupVersion, string kind, string name,
        Type? modelType = null)
    {
        var patched = ApplyPatch(patch, current, modelType);
        CheckIdentity(patched, groupVersion, kind, name);
        if (modelType is not null)
        {
            CheckValueTypes(patch, patched, modelType);
        }
        return patched;
    }

    /// <summary>
    /// Strict decoding of a patch, as upstream: the patch body's own unknown and duplicate members
    /// (<see cref="PatchBodyFields"/>), then the fields the kind's schema does not know in the patched object, in key
    /// order (dropped from it, as upstream's typed decode does). Returns the
    /// messages for <c>Warning</c> headers under <c>fieldValidation=Warn</c>; under Strict they are a 422 on field
    /// <c>patch</c> instead.
    /// </summary>
    public static IReadOnlyList<string> CheckUnknownFields(PatchRequest patch, JsonObject patched, ResourceDefinition resource,
        WriteOptions options)
    {
        if (options.FieldValidation == "Ignore")
        {
            if (resource.ModelType is not null)
            {
                UnknownFields.Find(patched, resource.ModelType, remove: true);
            }
            return [];
        }
        var strict = options.FieldValidation == "Strict";
        var problems = PatchBodyFields.Find(patch);
        if (resource.ModelType is not null)
        {
            problems.AddRange(UnknownFields.Find(patched, resource.ModelType, remove: !strict, sorted: true)
                .Select(f => $"unknown field \"{f}\""));
        }
        if (strict && problems.Count > 0)
        {
            throw PatchInvalid(patched, "strict decoding error: " + string.Join(", ", problems));
        }
        return problems;
    }

    private static JsonObject ApplyPatch(PatchRequest patch, JsonObject current, Type? modelType)
    {
        var result = patch.Type switch
        {
            PatchType.Json => ApplyJsonPatch(patch.Document, current),
            PatchType.Merge => JsonMergePatch.Apply(current, patch.Document),
            // Kinds without a model (custom resources) have no merge keys: upstream refuses SMP for them with 415.
            PatchType.StrategicMerge when modelType is not null => ApplyStrategicMergePatch(patch.Document, current, modelType),
            // Server-side apply goes through ApplyConfiguration; subresources that cannot be applied refuse it.
            _ => throw UnsupportedMediaType(),
        };
        return result as JsonObject ?? throw PatchInvalid(result, "the patched document is not a JSON object");
    }

    private static JsonNode? ApplyStrategicMergePatch(JsonNode? document, JsonObject current, Type modelType)
    {
        if (document is not JsonObject)
        {
            throw StatusErrors.BadRequest("invalid strategic merge patch: the patch must be a JSON object");
        }
        return ApiMachinery.Patching.Strategic.StrategicMergePatch.Apply(current, document,
            ApiMachinery.Patching.Metadata.PatchMetadata.For(modelType));
    }

    private static JsonNode? ApplyJsonPatch(JsonNode? document, JsonObject current)
    {
        try
        {
            return JsonPatch.Apply(current, document);
        }
        catch (JsonPatchException e)
        {
            throw e.Failure switch
            {
                JsonPatchFailure.MalformedPatch => StatusErrors.BadRequest(e.Message),
                JsonPatchFailure.TooManyOperations => StatusErrors.RequestEntityTooLarge(e.Message),
                // Upstream answers every failed operation with this generic 422 and drops the engine's message.
                _ => new StatusException(422, "Invalid", "the server rejected our request due to an error in our request",
                    new StatusDetails()),
            };
        }
    }

    /// <summary>Values that do not fit the kind's types (a string for replicas) are refused as upstream's decoding does.</summary>
    private static void CheckValueTypes(PatchRequest patch, JsonObject patched, Type modelType)
    {
        if (patch.Type == PatchType.StrategicMerge)
        {
            ModelTypeCheck.CheckStrategicPatchedObject(patched, patch.Document, modelType);
        }
        else if (patch.Type is PatchType.Json or PatchType.Merge)
        {
            ModelTypeCheck.CheckPatchedObject(patched, modelType);
        }
    }

    private static void CheckIdentity(JsonObject patched, string groupVersion, string kind, string name)
    {
        var patchedVersion = ObjectJson.GetString(patched, "apiVersion");
        var patchedKind = ObjectJson.GetString(patched, "kind");
        if (patchedVersion != groupVersion || patchedKind != kind)
        {
            // Upstream decodes the patched JSON into the URL's type, which fails as an invalid "patch" field.
            throw PatchInvalid(patched, $"unable to decode {patchedVersion}, Kind={patchedKind} into {kind}");
        }
        var patchedName = ObjectJson.GetString(ObjectJson.Metadata(patched), "name") ?? "";
        if (patchedName != name)
        {
            throw StatusErrors.BadRequest($"the name of the object ({patchedName}) does not match the name on the URL ({name})");
        }
    }

    private static StatusException UnsupportedMediaType() => new(415, "UnsupportedMediaType",
        $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", AcceptedMediaTypes)}");

    private static StatusException PatchInvalid(JsonNode? patched, string detail) =>
        StatusErrors.Invalid("", "", "", [new FieldError(FieldErrorType.Invalid, "patch",
            JsonSerializer.Serialize(patched?.ToJsonString() ?? "null"), detail)]);
}
