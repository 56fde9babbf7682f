using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Pods;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.PodTemplates;

/// <summary>core/v1 PodTemplate: the template's defaults and validation; the generation counts template changes.</summary>
public sealed class PodTemplateStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static PodTemplateStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override bool IsGenerationChange(JsonObject obj, JsonObject old) =>
        !SemanticEquality.AreEqual(obj["template"], old["template"]);

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj) => PodTemplateDefaults.Apply(obj.EnsureObject("template"));

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors) =>
        PodTemplateValidation.Validate(obj.GetObject("template"), "template", errors);
}
