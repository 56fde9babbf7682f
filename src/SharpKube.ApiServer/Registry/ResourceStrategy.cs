using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Registry;

/// <summary>
/// What is particular to one kind on the write path: defaults, validation, which fields a write may
/// change. The generic store calls it; everything else (metadata bookkeeping, storage, watch) is shared.
/// Objects are mutable JSON trees so unknown fields survive untouched.
/// </summary>
public class ResourceStrategy
{
    /// <summary>The strategy of kinds with no particular rules.</summary>
    public static ResourceStrategy Default { get; } = new();

    /// <summary>How <c>metadata.name</c> is validated.</summary>
    public virtual NameRule NameRule => NameRule.DnsSubdomain;

    /// <summary>
    /// True when the kind has a <c>status</c> subresource: writes to the main resource keep the stored status,
    /// and writes to <c>/status</c> change only the status.
    /// </summary>
    public virtual bool HasStatusSubresource => false;

    /// <summary>
    /// The <c>metadata</c> fields a write to the <c>status</c> subresource may change besides the status; none by
    /// default. Upstream lets Deployment status writes change annotations: the deployment controller records the
    /// revision there without bumping the generation.
    /// </summary>
    public virtual IReadOnlyList<string> StatusWritableMetadata => [];

    /// <summary>True when <c>metadata.generation</c> starts at 1 and is bumped on spec changes.</summary>
    public virtual bool TracksGeneration => false;

    /// <summary>
    /// Asked on updates of kinds that track generation: true when the update changes what
    /// <c>metadata.generation</c> counts. By default the <c>spec</c> (absent, null and empty compare equal);
    /// kinds without a spec, or that also count annotations, override it.
    /// </summary>
    public virtual bool IsGenerationChange(JsonObject obj, JsonObject old) =>
        !Validation.SemanticEquality.AreEqual(obj["spec"], old["spec"]);

    /// <summary>
    /// Called on create, before validation: applies upstream's defaults and resets what a client may
    /// not set on create (e.g. status).
    /// </summary>
    public virtual void PrepareForCreate(JsonObject obj)
    {
    }

    /// <summary>
    /// Called on update of the main resource, before validation: applies defaults to the new object and
    /// carries over from the old one what the client may not change this way.
    /// </summary>
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
    }

    /// <summary>Validates a new object (metadata is validated generically before this).</summary>
    public virtual void Validate(JsonObject obj, FieldErrorList errors)
    {
    }

    /// <summary>Validates an update: everything <see cref="Validate"/> checks, plus immutable fields.</summary>
    public virtual void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors) => Validate(obj, errors);

    /// <summary>
    /// Validates a write through the <c>status</c> subresource, which keeps everything but the status and a few
    /// metadata fields as they were. By default the same checks as <see cref="ValidateUpdate"/>.
    /// </summary>
    public virtual void ValidateStatusUpdate(JsonObject obj, JsonObject old, FieldErrorList errors) => ValidateUpdate(obj, old, errors);
}
