using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.ApiMachinery.TypedDecoding;

/// <summary>
/// Refuses objects whose values do not fit the types of the kind (a string where an int32 belongs, an object for a
/// list), which upstream finds when it decodes into its typed objects, with upstream's status and message for the
/// request that brought them. Without this such values would be stored and break every typed reader. An object that
/// passes is left as upstream would store it: quantities canonical, integer fields holding integers.
/// </summary>
public static class ModelTypeCheck
{
    /// <summary>
    /// A create or update body: 400 BadRequest <c>Deployment in version "v1" cannot be handled as a Deployment:
    /// json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32</c>.
    /// </summary>
    /// <exception cref="StatusException">When a value does not fit.</exception>
    public static void CheckBody(JsonObject body, Type modelType, string kind, string version)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (ModelTypeWalker.FirstError(body, modelType, DecodeDialect.JsonDecoder) is { } error)
        {
            throw StatusErrors.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: {error}");
        }
    }

    /// <summary>
    /// The result of a JSON patch or merge patch: 422 Invalid on field <c>patch</c>, its value the patched
    /// object, its detail the JSON decoder's message.
    /// </summary>
    /// <exception cref="StatusException">When a value does not fit.</exception>
    public static void CheckPatchedObject(JsonObject patched, Type modelType)
    {
        ArgumentNullException.ThrowIfNull(patched);
        if (ModelTypeWalker.FirstError(patched, modelType, DecodeDialect.JsonDecoder) is { } error)
        {
            throw PatchInvalid(patched.ToJsonString(), error);
        }
    }

    /// <summary>
    /// The result of a strategic merge patch: 422 Invalid on field <c>patch</c>, its value the patch as Go prints
    /// a map (<c>map[spec:map[replicas:abc]]</c>), its detail the unstructured converter's message
    /// (<c>unrecognized type: int32</c>).
    /// </summary>
    /// <exception cref="StatusException">When a value does not fit.</exception>
    public static void CheckStrategicPatchedObject(JsonObject patched, JsonNode? patch, Type modelType)
    {
        ArgumentNullException.ThrowIfNull(patched);
        if (ModelTypeWalker.FirstError(patched, modelType, DecodeDialect.UnstructuredConverter) is { } error)
        {
            throw PatchInvalid(GoValueText.Format(patch), error);
        }
    }

    private static StatusException PatchInvalid(string value, string detail) =>
        StatusErrors.Invalid("", "", "", [new FieldError(FieldErrorType.Invalid, "patch", GoStringLiteral.Quote(value), detail)]);
}
