using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.ControllerRevisions;

/// <summary>apps/v1 ControllerRevision: a non-negative revision; the recorded data never changes.</summary>
public sealed class ControllerRevisionStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static ControllerRevisionStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors) =>
        FieldRules.NonNegative(obj.GetInt64("revision"), "revision", errors);

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldRules.Immutable(obj["data"], old["data"], "data", errors, v => "runtime.RawExtension" + (v?.ToJsonString() ?? "{}"));
    }
}
