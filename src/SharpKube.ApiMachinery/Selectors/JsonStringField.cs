using System.Text.Json;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// A string field: the first non-empty string found at its source paths, else "". Several sources
/// express upstream's fallbacks (an event's <c>source</c> is its source component, else its
/// reporting controller).
/// </summary>
internal sealed class JsonStringField : SelectableField
{
    private readonly JsonFieldPath[] _sources;

    /// <summary>A field read from <paramref name="sources"/>, in order; by default from the path of its own name.</summary>
    public JsonStringField(string name, params string[] sources)
        : base(name) =>
        _sources = sources.Length == 0 ? [new JsonFieldPath(name)] : Array.ConvertAll(sources, s => new JsonFieldPath(s));

    /// <inheritdoc/>
    public override string Read(JsonElement obj) => TryFind(obj, out var value) ? value.GetString()! : "";

    /// <inheritdoc/>
    public override bool ValueEquals(JsonElement obj, string expected) =>
        TryFind(obj, out var value) ? value.ValueEquals(expected) : expected.Length == 0;

    private bool TryFind(JsonElement obj, out JsonElement value)
    {
        foreach (var source in _sources)
        {
            if (source.TryResolve(obj, out value) && value.ValueKind == JsonValueKind.String
                && !value.ValueEquals(ReadOnlySpan<byte>.Empty))
            {
                return true;
            }
        }
        value = default;
        return false;
    }
}
