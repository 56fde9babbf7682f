using System.Text.Json;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>A boolean field, selected as <c>"true"</c> or <c>"false"</c> (absent is false).</summary>
internal sealed class JsonBooleanField : SelectableField
{
    private readonly JsonFieldPath _source;

    /// <summary>A field read from the path of its own name.</summary>
    public JsonBooleanField(string name)
        : base(name) => _source = new JsonFieldPath(name);

    /// <inheritdoc/>
    public override string Read(JsonElement obj) => IsTrue(obj) ? "true" : "false";

    /// <inheritdoc/>
    public override bool ValueEquals(JsonElement obj, string expected) =>
        string.Equals(expected, IsTrue(obj) ? "true" : "false", StringComparison.Ordinal);

    private bool IsTrue(JsonElement obj) => _source.TryResolve(obj, out var value) && value.ValueKind == JsonValueKind.True;
}
